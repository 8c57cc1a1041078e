using System.Buffers.Binary;

namespace Storyboard.Web.Media;

/// <summary>
/// Min/max peaks of mono 16-bit PCM, computed as the samples stream past: <see cref="ReadAsync"/> reads a decoder's
/// output in small blocks and keeps only one (min, max) pair per 1/peaksPerSecond of audio, never the samples.
/// </summary>
public sealed class PeakAccumulator(int sampleRate, int peaksPerSecond)
{
    private readonly List<short> _min = [];
    private readonly List<short> _max = [];
    private long _bucket = -1;
    private short _bucketMin;
    private short _bucketMax;
    private int _carry = -1;

    public int SampleRate { get; } = sampleRate;
    public int PeaksPerSecond { get; } = peaksPerSecond;
    public long SampleCount { get; private set; }

    public long DurationMicroseconds => SampleCount * 1_000_000 / SampleRate;

    /// <summary>Reads little-endian signed 16-bit samples until the stream ends.</summary>
    public async Task ReadAsync(Stream pcm, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await pcm.ReadAsync(buffer, cancellationToken)) > 0)
        {
            Add(buffer.AsSpan(0, read));
        }
    }

    public void Add(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }
        if (_carry >= 0)
        {
            // A sample split across two reads.
            AddSample((short)(_carry | (bytes[0] << 8)));
            _carry = -1;
            bytes = bytes[1..];
        }
        var whole = bytes.Length & ~1;
        for (var i = 0; i < whole; i += 2)
        {
            AddSample(BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(i, 2)));
        }
        if (whole < bytes.Length)
        {
            _carry = bytes[^1];
        }
    }

    /// <summary>The peaks so far, the last partial one included.</summary>
    public PeakSet ToPeaks()
    {
        var min = new List<short>(_min);
        var max = new List<short>(_max);
        if (_bucket >= 0)
        {
            min.Add(_bucketMin);
            max.Add(_bucketMax);
        }
        return new PeakSet(PeaksPerSecond, SampleRate, SampleCount, min.ToArray(), max.ToArray());
    }

    private void AddSample(short sample)
    {
        var bucket = SampleCount * PeaksPerSecond / SampleRate;
        SampleCount++;
        if (bucket != _bucket)
        {
            if (_bucket >= 0)
            {
                _min.Add(_bucketMin);
                _max.Add(_bucketMax);
            }
            _bucket = bucket;
            _bucketMin = sample;
            _bucketMax = sample;
            return;
        }
        if (sample < _bucketMin)
        {
            _bucketMin = sample;
        }
        if (sample > _bucketMax)
        {
            _bucketMax = sample;
        }
    }
}

/// <summary>One (min, max) pair per 1/<see cref="PeaksPerSecond"/> of audio, as 16-bit sample values.</summary>
public sealed record PeakSet(int PeaksPerSecond, int SampleRate, long SampleCount, short[] Min, short[] Max)
{
    public int Count => Min.Length;
}

/// <summary>
/// The peaks file kept beside the media: "SBPK", version, peaks per second, sample rate, sample count, count,
/// then count pairs of little-endian int16 (min, max). Four bytes per peak: ten minutes at 100/s is 240 KB.
/// </summary>
public static class PeaksFile
{
    private static ReadOnlySpan<byte> Magic => "SBPK"u8;
    private const int Version = 1;

    public static async Task WriteAsync(string path, PeakSet peaks, CancellationToken cancellationToken)
    {
        var header = 4 + 4 + 4 + 4 + 8 + 4;
        var bytes = new byte[header + peaks.Count * 4];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], peaks.PeaksPerSecond);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], peaks.SampleRate);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], peaks.SampleCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], peaks.Count);
        for (var i = 0; i < peaks.Count; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(header + i * 4)..], peaks.Min[i]);
            BinaryPrimitives.WriteInt16LittleEndian(span[(header + i * 4 + 2)..], peaks.Max[i]);
        }
        await AtomicFile.WriteAsync(path, bytes, cancellationToken);
    }

    public static async Task<PeakSet> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var span = bytes.AsSpan();
        if (bytes.Length < 28 || !span[..4].SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(span[4..]) != Version)
        {
            throw new InvalidDataException("Not a Storyboard peaks file.");
        }
        var count = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
        if (count < 0 || bytes.Length != 28 + count * 4L)
        {
            throw new InvalidDataException("The peaks file is damaged.");
        }
        var min = new short[count];
        var max = new short[count];
        for (var i = 0; i < count; i++)
        {
            min[i] = BinaryPrimitives.ReadInt16LittleEndian(span[(28 + i * 4)..]);
            max[i] = BinaryPrimitives.ReadInt16LittleEndian(span[(28 + i * 4 + 2)..]);
        }
        return new PeakSet(BinaryPrimitives.ReadInt32LittleEndian(span[8..]), BinaryPrimitives.ReadInt32LittleEndian(span[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[16..]), min, max);
    }
}

/// <summary>Writes beside the target, then renames over it: readers never see half a file.</summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
