using System.Buffers.Binary;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Media;

namespace Storyboard.Tests.Media;

public sealed class PeakAccumulatorTests : IDisposable
{
    private readonly string _folder = TestFolders.Create("peaks");

    public void Dispose() => TestFolders.TryDelete(_folder);

    private static byte[] Pcm(params short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
        }
        return bytes;
    }

    [Fact]
    public void Each_peak_holds_the_lowest_and_highest_sample_of_its_slice()
    {
        // 10 samples per second, 2 peaks per second: slices of five samples.
        var peaks = new PeakAccumulator(sampleRate: 10, peaksPerSecond: 2);
        peaks.Add(Pcm(1, -5, 3, 7, 0, /**/ -100, 100, 2, 2, 2, /**/ 9));

        var set = peaks.ToPeaks();

        Assert.Equal(11, peaks.SampleCount);
        Assert.Equal(1_100_000, peaks.DurationMicroseconds);
        Assert.Equal([-5, -100, 9], set.Min);
        Assert.Equal([7, 100, 9], set.Max);
    }

    [Fact]
    public void A_sample_split_between_two_reads_is_put_back_together()
    {
        var bytes = Pcm(1000, -2000, 3000);
        var peaks = new PeakAccumulator(sampleRate: 3, peaksPerSecond: 1);
        peaks.Add(bytes.AsSpan(0, 3));
        peaks.Add(bytes.AsSpan(3, 1));
        peaks.Add(bytes.AsSpan(4));

        var set = peaks.ToPeaks();

        Assert.Equal(3, peaks.SampleCount);
        Assert.Equal([(short)-2000], set.Min);
        Assert.Equal([(short)3000], set.Max);
    }

    [Fact]
    public void Rates_that_do_not_divide_evenly_still_give_one_peak_per_slice()
    {
        var peaks = new PeakAccumulator(sampleRate: 44100, peaksPerSecond: 1000);
        peaks.Add(new byte[44100 * 2]);

        Assert.Equal(1000, peaks.ToPeaks().Count);
    }

    [Fact]
    public async Task The_peaks_file_reads_back_what_was_written()
    {
        var peaks = new PeakAccumulator(sampleRate: 8, peaksPerSecond: 4);
        peaks.Add(Pcm(-3, 3, short.MinValue, short.MaxValue, 0, 1, -1, 5));
        var path = Path.Combine(_folder, "song.peaks4.bin");

        await PeaksFile.WriteAsync(path, peaks.ToPeaks(), CancellationToken.None);
        var read = await PeaksFile.ReadAsync(path, CancellationToken.None);

        Assert.Equal(28 + 4 * 4, new FileInfo(path).Length);
        Assert.Equal((4, 8, 8L), (read.PeaksPerSecond, read.SampleRate, read.SampleCount));
        Assert.Equal([-3, short.MinValue, 0, -1], read.Min);
        Assert.Equal([3, short.MaxValue, 1, 5], read.Max);
    }

    [Fact]
    public void Silence_still_draws_a_centre_line_and_a_loud_peak_stays_inside_the_picture()
    {
        var quiet = new PeakSet(100, 44100, 441, [0], [0]);
        var (top, bottom) = WaveformRenderer.Columns(quiet);
        Assert.All(Enumerable.Range(0, WaveformRenderer.Width), x => Assert.True(bottom[x] >= top[x]));

        var loud = new PeakSet(100, 44100, 882, [short.MinValue, -10], [short.MaxValue, 10]);
        (top, bottom) = WaveformRenderer.Columns(loud);
        Assert.InRange(top[0], 1, WaveformRenderer.Height / 2);
        Assert.InRange(bottom[0], WaveformRenderer.Height / 2, WaveformRenderer.Height - 2);
        Assert.True(bottom[^1] - top[^1] < 4, "A quiet column should be a thin bar");
    }
}
