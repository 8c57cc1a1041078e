using System.Buffers.Binary;
using System.Text;

namespace Storyboard.Web.Generation.Results;

/// <summary>
/// Just enough of the WebP container (RIFF) to take an animation's first frame out as a still image, which ImageSharp
/// 2.x then decodes (it refuses animated WebP, and ffmpeg's WebP decoder cannot read animations either).
/// </summary>
internal static class WebpFrames
{
    public static async Task<bool> IsWebpAsync(string path, CancellationToken cancellationToken)
    {
        var header = new byte[12];
        await using var file = File.OpenRead(path);
        return await file.ReadAtLeastAsync(header, 12, throwOnEndOfStream: false, cancellationToken) == 12
            && header.AsSpan(0, 4).SequenceEqual("RIFF"u8) && header.AsSpan(8, 4).SequenceEqual("WEBP"u8);
    }

    /// <summary>A still WebP of the first frame when <paramref name="webp"/> is animated; otherwise the file as it is.</summary>
    /// <exception cref="InvalidDataException">The container is damaged.</exception>
    public static byte[] FirstFrameAsStill(byte[] webp)
    {
        var chunks = Chunks(webp, 12, webp.Length).ToList();
        if (!chunks.Any(c => c.FourCc == "ANIM"))
        {
            return webp;
        }
        var frame = chunks.FirstOrDefault(c => c.FourCc == "ANMF");
        if (frame.FourCc is null || frame.Length < 16)
        {
            throw new InvalidDataException("The animated WebP has no frame.");
        }
        var payload = webp.AsSpan(frame.Offset, frame.Length);
        var width = ReadUInt24(payload[6..]) + 1;
        var height = ReadUInt24(payload[9..]) + 1;
        var inner = Chunks(webp, frame.Offset + 16, frame.Offset + frame.Length)
            .Where(c => c.FourCc is "ALPH" or "VP8 " or "VP8L").ToList();
        if (!inner.Any(c => c.FourCc is "VP8 " or "VP8L"))
        {
            throw new InvalidDataException("The animated WebP's first frame holds no image.");
        }
        using var body = new MemoryStream();
        body.Write("WEBP"u8);
        if (inner.Count == 1 && inner[0].FourCc == "VP8L")
        {
            WriteChunk(body, webp, inner[0]);
        }
        else
        {
            var vp8x = new byte[10];
            vp8x[0] = (byte)(inner.Any(c => c.FourCc == "ALPH") ? 0x10 : 0);
            WriteUInt24(vp8x.AsSpan(4), width - 1);
            WriteUInt24(vp8x.AsSpan(7), height - 1);
            WriteChunk(body, "VP8X", vp8x);
            foreach (var chunk in inner)
            {
                WriteChunk(body, webp, chunk);
            }
        }
        using var still = new MemoryStream();
        still.Write("RIFF"u8);
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
        still.Write(size);
        body.WriteTo(still);
        return still.ToArray();
    }

    private readonly record struct Chunk(string FourCc, int Offset, int Length);

    private static IEnumerable<Chunk> Chunks(byte[] data, int start, int end)
    {
        var at = start;
        while (at + 8 <= end)
        {
            var fourCc = Encoding.ASCII.GetString(data, at, 4);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at + 4, 4));
            if (length > (uint)(end - at - 8))
            {
                throw new InvalidDataException($"The WebP chunk {fourCc.Trim()} runs past the end of the file.");
            }
            yield return new Chunk(fourCc, at + 8, (int)length);
            at += 8 + (int)length + (int)(length & 1);
        }
    }

    private static void WriteChunk(Stream output, byte[] source, Chunk chunk) =>
        WriteChunk(output, chunk.FourCc, source.AsSpan(chunk.Offset, chunk.Length));

    private static void WriteChunk(Stream output, string fourCc, ReadOnlySpan<byte> payload)
    {
        output.Write(Encoding.ASCII.GetBytes(fourCc));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)payload.Length);
        output.Write(size);
        output.Write(payload);
        if ((payload.Length & 1) == 1)
        {
            output.WriteByte(0);
        }
    }

    private static int ReadUInt24(ReadOnlySpan<byte> span) => span[0] | span[1] << 8 | span[2] << 16;

    private static void WriteUInt24(Span<byte> span, int value)
    {
        span[0] = (byte)value;
        span[1] = (byte)(value >> 8);
        span[2] = (byte)(value >> 16);
    }
}
