using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Tests.Generation;

/// <summary>Every family × kind × mode the builder supports makes a graph the full fake server accepts.</summary>
public sealed class WorkflowMatrixTests
{
    static readonly ObjectInfoCatalog Catalog = Fixtures.Catalog();

    public static TheoryData<ModelFamily, GenerationKind, PresetMode> Supported()
    {
        var data = new TheoryData<ModelFamily, GenerationKind, PresetMode>();
        foreach (var family in ModelFamilies.Known)
        {
            foreach (var kind in ModelFamilies.Traits(family).Kinds)
            {
                data.Add(family, kind, PresetMode.Fast);
                data.Add(family, kind, PresetMode.Quality);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void The_preset_graph_validates_against_the_full_fake_server(ModelFamily family, GenerationKind kind, PresetMode mode)
    {
        var request = Fixtures.Request(family, kind, mode) with { Loras = [new(Fixtures.LoraFiles[0], 0.7, 0.7), new(Fixtures.LoraFiles[1])] };
        var built = WorkflowBuilder.Build(request);
        Assert.Empty(WorkflowValidator.Validate(built.Graph, Catalog));
        Assert.Equal(WorkflowValidator.OutputNodeIds(built.Graph, Catalog), built.OutputNodeIds);
        Assert.Equal(ModelFamilies.Traits(family).Makes, built.Media);
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void Video_lengths_in_the_graph_are_valid_for_the_family(ModelFamily family, GenerationKind kind, PresetMode mode)
    {
        var traits = ModelFamilies.Traits(family);
        var graph = WorkflowBuilder.Build(Fixtures.Request(family, kind, mode)).Graph;
        var lengths = graph.Select(n => n.Value!["inputs"]!["length"]).Where(l => l is not null).Select(l => (int)l!).ToList();
        if (traits.MakesVideo)
        {
            Assert.NotEmpty(lengths);
            Assert.All(lengths, l => Assert.True(traits.IsValidFrameCount(l), $"{l} frames for {family}"));
        }
        else
        {
            Assert.Empty(lengths);
        }
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void Every_size_in_the_graph_is_a_multiple_the_family_needs(ModelFamily family, GenerationKind kind, PresetMode mode)
    {
        var multiple = ModelFamilies.Traits(family).SizeMultiple;
        var graph = WorkflowBuilder.Build(Fixtures.Request(family, kind, mode, seed: ulong.MaxValue)).Graph;
        var sizes = graph.SelectMany(n => new[] { n.Value!["inputs"]!["width"], n.Value!["inputs"]!["height"] }).Where(v => v is not null).Select(v => (int)v!);
        Assert.All(sizes, s => Assert.Equal(0, s % multiple));
    }
}
