// XEP-0050 §4.6 application-specific error conditions, mapped to their wire names.
package coop.warden.adhoc;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** The {@code http://jabber.org/protocol/commands} error children that go with a stanza error. */
enum SpecificCondition {
    MALFORMED_ACTION("malformed-action"),
    BAD_ACTION("bad-action"),
    BAD_LOCALE("bad-locale"),
    BAD_PAYLOAD("bad-payload"),
    BAD_SESSIONID("bad-sessionid"),
    SESSION_EXPIRED("session-expired");

    private final String wireName;

    SpecificCondition(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    Element element() {
        return DocumentHelper.createElement(QName.get(wireName, AdhocHandler.NAMESPACE));
    }
}
