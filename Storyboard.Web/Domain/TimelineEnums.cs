namespace Storyboard.Web.Domain;

/// <summary>What part of the song a scene is.</summary>
public enum SectionKind
{
    Intro,
    Verse,
    PreChorus,
    Chorus,
    Bridge,
    Breakdown,
    Outro,
    Custom,
}

/// <summary>Shot sizes from extreme close-up to extreme wide.</summary>
public enum ShotSize
{
    Unset,
    ExtremeCloseUp,
    CloseUp,
    MediumCloseUp,
    MediumShot,
    MediumWideShot,
    WideShot,
    ExtremeWideShot,
}

public enum CameraMove
{
    Static,
    Pan,
    Tilt,
    DollyIn,
    DollyOut,
    Truck,
    Pedestal,
    Crane,
    Orbit,
    Zoom,
    Handheld,
}

/// <summary>How a clip begins; every transition but a cut has a duration in frames, centred on the cut.</summary>
public enum TransitionKind
{
    Cut,
    Dissolve,
    FadeFromBlack,
    Wipe,
}
