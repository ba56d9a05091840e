// Cuts an XMPP byte stream into top-level pieces (stream header, stanzas, stream end) without parsing XML.
package coop.warden.bench.xmpp;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;

/**
 * A load generator must not spend the CPU it is measuring, so this does not parse: it tracks
 * tag depth, skipping quoted attribute values, the XML declaration and comments. That is enough
 * for what Prosody sends (no CDATA, no DTD). {@link #next()} returns one of: the stream header's
 * start tag ({@code <stream:stream ...>}), a complete top-level element, or {@link #STREAM_END}.
 */
public final class StanzaSplitter {
    public static final String STREAM_END = "</stream:stream>";

    private final Reader in;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;

    public StanzaSplitter(Reader in) {
        this.in = in;
    }

    public String next() throws IOException {
        StringBuilder out = new StringBuilder(256);
        int depth = 0;
        while (true) {
            int c = read();
            if (depth == 0 && c != '<') {
                continue; // whitespace keepalives and text between stanzas
            }
            if (c != '<') {
                out.append((char) c);
                continue;
            }
            int start = out.length();
            out.append('<');
            int kind = readTag(out);
            String tag = out.substring(start);
            if (kind == SKIP) {
                out.setLength(start);
                continue;
            }
            if (depth == 0 && tag.startsWith("<stream:stream")) {
                return tag;
            }
            if (depth == 0 && tag.startsWith("</stream:stream")) {
                return STREAM_END;
            }
            depth += kind == OPEN ? 1 : kind == CLOSE ? -1 : 0;
            if (depth == 0) {
                return out.toString();
            }
        }
    }

    private static final int OPEN = 1;
    private static final int CLOSE = 2;
    private static final int EMPTY = 3;
    private static final int SKIP = 4;

    /** Reads the rest of a tag after its '<' into {@code out}; says which kind of tag it was. */
    private int readTag(StringBuilder out) throws IOException {
        int first = read();
        out.append((char) first);
        if (first == '?' || first == '!') {
            // <?xml ...?> or <!-- ... -->: skip to the closing '>' (comments hold no '>' in practice).
            int c;
            do {
                c = read();
            } while (c != '>');
            return SKIP;
        }
        char quote = 0;
        int prev = first;
        while (true) {
            int c = read();
            out.append((char) c);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = (char) c;
            } else if (c == '>') {
                if (first == '/') {
                    return CLOSE;
                }
                return prev == '/' ? EMPTY : OPEN;
            }
            prev = c;
        }
    }

    private int read() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                throw new EOFException("the server closed the stream");
            }
        }
        return buf[pos++];
    }
}
