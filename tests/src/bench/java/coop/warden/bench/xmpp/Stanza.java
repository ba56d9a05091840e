// Reads what the load generator needs from a stanza string: its name, a few attributes, a marker inside.
package coop.warden.bench.xmpp;

/** A received top-level element as text, with cheap accessors for its start tag. */
public record Stanza(String xml) {

    /** The element name, e.g. {@code presence} or {@code iq}. */
    public String name() {
        int end = 1;
        while (end < xml.length() && " />\t\r\n".indexOf(xml.charAt(end)) < 0) {
            end++;
        }
        return xml.substring(1, end);
    }

    /** An attribute of the start tag, or null. Entities are left as they are. */
    public String attr(String name) {
        int tagEnd = xml.indexOf('>');
        String tag = tagEnd < 0 ? xml : xml.substring(0, tagEnd);
        int i = 0;
        while ((i = tag.indexOf(name + "=", i)) > 0) {
            char before = tag.charAt(i - 1);
            int q = i + name.length() + 1;
            if ((before == ' ' || before == '\t' || before == '\n') && q < tag.length()) {
                char quote = tag.charAt(q);
                int close = tag.indexOf(quote, q + 1);
                if (close > q) {
                    return tag.substring(q + 1, close);
                }
            }
            i += name.length();
        }
        return null;
    }

    /** Whether the stanza carries {@code <status code='CODE'/>} (MUC status codes 110, 201). */
    public boolean hasStatus(int code) {
        return xml.contains("code='" + code + "'") || xml.contains("code=\"" + code + "\"");
    }

    /** The first child condition of an {@code <error>} or SASL {@code <failure>}, e.g. {@code not-authorized}. */
    public String condition() {
        int at = Math.max(xml.indexOf("<error"), xml.indexOf("<failure"));
        if (at < 0) {
            return null;
        }
        int child = xml.indexOf('<', xml.indexOf('>', at) + 1);
        if (child < 0 || xml.startsWith("</", child)) {
            return "unknown";
        }
        int end = child + 1;
        while (end < xml.length() && " />".indexOf(xml.charAt(end)) < 0) {
            end++;
        }
        return xml.substring(child + 1, end);
    }
}
