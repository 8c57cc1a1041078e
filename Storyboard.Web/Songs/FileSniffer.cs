namespace Storyboard.Web.Songs;

/// <summary>
/// Names what a file ffprobe could not read most likely is, from its first bytes, so a refusal can say
/// "detected: PNG image" rather than just "unreadable". Only used for the message; the decision is ffprobe's.
/// </summary>
public static class FileSniffer
{
    private static readonly (byte[] Magic, int Offset, string Name)[] Signatures =
    [
        ([0x89, 0x50, 0x4E, 0x47], 0, "PNG image"),
        ([0xFF, 0xD8, 0xFF], 0, "JPEG image"),
        ("GIF8"u8.ToArray(), 0, "GIF image"),
        ([0x7F, 0x45, 0x4C, 0x46], 0, "program (ELF executable)"),
        ("MZ"u8.ToArray(), 0, "Windows program"),
        ("%PDF"u8.ToArray(), 0, "PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], 0, "ZIP archive"),
        ([0x1F, 0x8B], 0, "gzip archive"),
        ("RIFF"u8.ToArray(), 0, "damaged RIFF/WAV data"),
        ("fLaC"u8.ToArray(), 0, "damaged FLAC data"),
        ("OggS"u8.ToArray(), 0, "damaged Ogg data"),
        ("ID3"u8.ToArray(), 0, "damaged MP3 data"),
        ("ftyp"u8.ToArray(), 4, "damaged MP4/M4A data"),
    ];

    public static string Describe(string path)
    {
        Span<byte> head = stackalloc byte[16];
        int length;
        using (var file = File.OpenRead(path))
        {
            length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        return Describe(head[..length]);
    }

    public static string Describe(ReadOnlySpan<byte> head)
    {
        foreach (var (magic, offset, name) in Signatures)
        {
            if (head.Length >= offset + magic.Length && head.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                return name;
            }
        }
        return LooksLikeText(head) ? "text" : "unrecognised data";
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head) =>
        head.Length > 0 && !head.ContainsAnyInRange((byte)0, (byte)8) && !head.ContainsAnyInRange((byte)14, (byte)31);
}
