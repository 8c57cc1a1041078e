using Storyboard.Web.Domain;

namespace Storyboard.Web.Generation.DraftCards;

/// <summary>The words a card prints for a shot size and a camera move.</summary>
public static class DraftCardLabels
{
    /// <summary>"In: dissolve 12f", "In: fade from black 24f", or "" for a cut.</summary>
    public static string Transition(TransitionKind kind, int frames) => kind switch
    {
        TransitionKind.Cut => "",
        TransitionKind.FadeFromBlack => $"In: fade from black {frames}f",
        _ => $"In: {kind.ToString().ToLowerInvariant()} {frames}f",
    };

    public static string Of(ShotSize size) => size switch
    {
        ShotSize.ExtremeCloseUp => "Extreme close-up (ECU)",
        ShotSize.CloseUp => "Close-up (CU)",
        ShotSize.MediumCloseUp => "Medium close-up (MCU)",
        ShotSize.MediumShot => "Medium shot (MS)",
        ShotSize.MediumWideShot => "Medium wide shot (MWS)",
        ShotSize.WideShot => "Wide shot (WS)",
        ShotSize.ExtremeWideShot => "Extreme wide shot (EWS)",
        _ => "Shot size not set",
    };

    public static string Of(CameraMove move) => move switch
    {
        CameraMove.Pan => "Pan",
        CameraMove.Tilt => "Tilt",
        CameraMove.DollyIn => "Dolly in",
        CameraMove.DollyOut => "Dolly out",
        CameraMove.Truck => "Truck",
        CameraMove.Pedestal => "Pedestal",
        CameraMove.Crane => "Crane",
        CameraMove.Orbit => "Orbit",
        CameraMove.Zoom => "Zoom",
        CameraMove.Handheld => "Handheld",
        _ => "Static",
    };
}
