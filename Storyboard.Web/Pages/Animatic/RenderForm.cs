using System.ComponentModel.DataAnnotations;
using Storyboard.Web.Delivery.Animatic;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Pages.Animatic;

/// <summary>The render form: the scope (empty: whole project), the preset, overlays and the subtitles file.</summary>
public sealed class QueueRenderForm
{
    [Display(Name = "What to render")]
    public int? SceneId { get; set; }

    [Display(Name = "Quality")]
    public RenderPreset Preset { get; set; } = RenderPreset.Quick;

    [Display(Name = "Timecode")]
    public bool Timecode { get; set; }

    [Display(Name = "Shot names")]
    public bool ShotNames { get; set; }

    [Display(Name = "Lyrics as subtitles")]
    public bool Lyrics { get; set; }

    [Display(Name = "Lyrics as a separate .srt file")]
    public bool Subtitles { get; set; }

    public QueueRenderInput ToInput() => new(SceneId, Preset, new AnimaticSettings(Timecode, ShotNames, Lyrics, Subtitles));
}
