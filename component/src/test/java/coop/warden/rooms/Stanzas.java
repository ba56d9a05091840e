// Builds test stanzas from XML text.
package coop.warden.rooms;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.IQ;

public final class Stanzas {
    private Stanzas() {}

    public static IQ iq(String xml) {
        try {
            return new IQ(DocumentHelper.parseText(xml).getRootElement());
        } catch (DocumentException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Element element(String xml) {
        try {
            return DocumentHelper.parseText(xml).getRootElement();
        } catch (DocumentException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A urn:warden:muc:1 request from {@code from} with the given attributes, e.g. "room='r@h' occupant='a@b/c'". */
    public static IQ muc(String from, String element, String attributes) {
        return iq("<iq type='set' id='t1' from='" + from + "' to='warden.coop.test'><" + element
                + " xmlns='urn:warden:muc:1' " + attributes + "/></iq>");
    }
}
