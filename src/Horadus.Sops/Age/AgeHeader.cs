using System.Text;

namespace Horadus.Sops.Age;

/// <summary>
/// The age v1 text header, parsed strictly as age does: exact intro line, stanza arguments of printable
/// ASCII, bodies in canonical unpadded base64 wrapped at 64 columns and ended by a short (possibly empty)
/// line, and a closing <c>---</c> line carrying a 32-byte MAC.
/// </summary>
internal sealed record AgeHeader(IReadOnlyList<AgeStanza> Stanzas, byte[] Mac)
{
    public const string Intro = "age-encryption.org/v1";
    private const int ColumnsPerLine = 64;
    private const int BytesPerLine = ColumnsPerLine / 4 * 3;

    /// <summary>Parses the header at the start of <paramref name="file"/>; returns the offset of the payload.</summary>
    public static AgeHeader Parse(ReadOnlySpan<byte> file, out int payloadOffset)
    {
        var position = 0;
        var intro = ReadLine(file, ref position) ?? throw Fail("file is empty");
        if (intro != Intro)
        {
            throw Fail("unexpected intro");
        }

        var stanzas = new List<AgeStanza>();
        while (true)
        {
            var line = ReadLine(file, ref position) ?? throw Fail("header ended without a closing line");
            if (line.StartsWith("---", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                if (parts[0] != "---" || parts.Length != 2 || !AgeBase64.TryDecode(parts[1], out var mac) || mac.Length != 32)
                {
                    throw Fail("malformed closing line");
                }

                payloadOffset = position;
                return new AgeHeader(stanzas, mac);
            }

            stanzas.Add(ReadStanza(line, file, ref position));
        }
    }

    /// <summary>The header bytes up to and including "---", which the header MAC covers.</summary>
    public static byte[] MarshalWithoutMac(IReadOnlyList<AgeStanza> stanzas)
    {
        var builder = new StringBuilder();
        builder.Append(Intro).Append('\n');
        foreach (var stanza in stanzas)
        {
            builder.Append("->");
            foreach (var argument in stanza.Args.Prepend(stanza.Type))
            {
                builder.Append(' ').Append(argument);
            }

            builder.Append('\n');
            var body = AgeBase64.Encode(stanza.Body);
            for (var offset = 0; offset < body.Length; offset += ColumnsPerLine)
            {
                builder.Append(body.AsSpan(offset, Math.Min(ColumnsPerLine, body.Length - offset))).Append('\n');
            }

            // The body always ends with a short line; a body of whole lines gets an empty one.
            if (body.Length % ColumnsPerLine == 0)
            {
                builder.Append('\n');
            }
        }

        builder.Append("---");
        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    public byte[] Marshal()
    {
        var withoutMac = MarshalWithoutMac(Stanzas);
        var tail = Encoding.ASCII.GetBytes(" " + AgeBase64.Encode(Mac) + "\n");
        return [.. withoutMac, .. tail];
    }

    private static AgeStanza ReadStanza(string opening, ReadOnlySpan<byte> file, ref int position)
    {
        var parts = opening.Split(' ');
        if (parts[0] != "->" || parts.Length < 2 || parts.Skip(1).Any(argument => !IsValidArgument(argument)))
        {
            throw Fail("malformed stanza opening line");
        }

        var body = new List<byte>();
        while (true)
        {
            var line = ReadLine(file, ref position) ?? throw Fail("stanza body ended unexpectedly");
            if (!AgeBase64.TryDecode(line, out var chunk))
            {
                throw Fail(line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith("->", StringComparison.Ordinal)
                    ? "malformed body line: stanza ended without a short line"
                    : "malformed body line");
            }

            if (chunk.Length > BytesPerLine)
            {
                throw Fail("malformed body line: too long");
            }

            body.AddRange(chunk);
            if (chunk.Length < BytesPerLine)
            {
                return new AgeStanza(parts[1], parts[2..], [.. body]);
            }
        }
    }

    private static bool IsValidArgument(string argument) => argument.Length > 0 && argument.All(c => c >= 33 && c <= 126);

    /// <summary>Reads one LF-terminated ASCII line; null at end of input or for an unterminated line.</summary>
    private static string? ReadLine(ReadOnlySpan<byte> file, ref int position)
    {
        var rest = file[position..];
        var newline = rest.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return null;
        }

        var line = rest[..newline];
        foreach (var b in line)
        {
            // Header lines are ASCII; "\r" or control bytes make base64 and argument checks fail later anyway.
            if (b > 127)
            {
                throw Fail("non-ASCII byte in header");
            }
        }

        position += newline + 1;
        return Encoding.ASCII.GetString(line);
    }

    private static SopsException Fail(string reason) => SopsException.Malformed("failed to read header: parsing age header: " + reason);
}
