// Service discovery (XEP-0030) for the component's JID: who it is, what it supports, its nodes.
package coop.warden.xmpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Answers disco#info and disco#items addressed to the component's bare domain. The component
 * itself is identity {@code component/generic}; nodes (such as XEP-0050's command list) come
 * from {@link NodeProvider}s, which also decide what each requester may see.
 */
public final class DiscoHandler {
    public static final String INFO = "http://jabber.org/protocol/disco#info";
    public static final String ITEMS = "http://jabber.org/protocol/disco#items";

    public record Identity(String category, String type, String name) {
        public Identity {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(type, "type");
        }
    }

    public record Item(JID jid, String node, String name) {
        public Item {
            Objects.requireNonNull(jid, "jid");
        }
    }

    public record NodeInfo(List<Identity> identities, List<String> features) {
        public NodeInfo {
            identities = List.copyOf(identities);
            features = List.copyOf(features);
        }
    }

    /** A source of disco nodes. Empty answers mean "no such node here" (for this requester). */
    public interface NodeProvider {
        /** Features this provider adds to the component's own disco#info. */
        default List<String> features() {
            return List.of();
        }

        Optional<List<Item>> items(String node, JID requester, JID self);

        Optional<NodeInfo> info(String node, JID requester);
    }

    private final Identity identity;
    private final List<String> features;
    private final List<NodeProvider> providers;

    /** {@code features}: namespaces besides disco's own and the providers'. */
    public DiscoHandler(String name, List<String> features, List<NodeProvider> providers) {
        this.identity = new Identity("component", "generic", Objects.requireNonNull(name));
        this.providers = List.copyOf(providers);
        TreeSet<String> all = new TreeSet<>(features);
        all.add(INFO);
        all.add(ITEMS);
        this.providers.forEach(p -> all.addAll(p.features()));
        this.features = List.copyOf(all);
    }

    /** The two handlers to register: disco#info and disco#items. */
    public List<IqHandler> handlers() {
        return List.of(new Query(INFO, this::info), new Query(ITEMS, this::items));
    }

    private IqOutcome info(IQ request, String node) {
        Optional<NodeInfo> found = node == null
                ? Optional.of(new NodeInfo(List.of(identity), features))
                : providers.stream().map(p -> p.info(node, request.getFrom())).flatMap(Optional::stream).findFirst();
        if (found.isEmpty()) {
            return IqOutcome.error(ErrorCondition.ITEM_NOT_FOUND, null);
        }
        Element query = query(INFO, node);
        for (Identity i : found.get().identities()) {
            Element e = query.addElement("identity").addAttribute("category", i.category()).addAttribute("type", i.type());
            if (i.name() != null) {
                e.addAttribute("name", i.name());
            }
        }
        found.get().features().forEach(f -> query.addElement("feature").addAttribute("var", f));
        return IqOutcome.result(query);
    }

    private IqOutcome items(IQ request, String node) {
        List<Item> items = new ArrayList<>();
        if (node != null) {
            Optional<List<Item>> found = providers.stream()
                    .map(p -> p.items(node, request.getFrom(), request.getTo()))
                    .flatMap(Optional::stream).findFirst();
            if (found.isEmpty()) {
                return IqOutcome.error(ErrorCondition.ITEM_NOT_FOUND, null);
            }
            items.addAll(found.get());
        }
        Element query = query(ITEMS, node);
        for (Item i : items) {
            Element e = query.addElement("item").addAttribute("jid", i.jid().toString());
            if (i.node() != null) {
                e.addAttribute("node", i.node());
            }
            if (i.name() != null) {
                e.addAttribute("name", i.name());
            }
        }
        return IqOutcome.result(query);
    }

    private static Element query(String namespace, String node) {
        Element query = DocumentHelper.createElement(QName.get("query", namespace));
        if (node != null) {
            query.addAttribute("node", node);
        }
        return query;
    }

    private record Query(String namespace, BiFunction<IQ, String, IqOutcome> answer) implements IqHandler {
        @Override
        public String element() {
            return "query";
        }

        @Override
        public boolean accepts(IQ.Type type) {
            return type == IQ.Type.get;
        }

        @Override
        public CompletionStage<IqOutcome> handle(IQ request) {
            JID to = request.getTo();
            if (to != null && (to.getNode() != null || to.getResource() != null)) {
                return CompletableFuture.completedFuture(IqOutcome.error(ErrorCondition.ITEM_NOT_FOUND, null));
            }
            String node = request.getChildElement().attributeValue("node");
            return CompletableFuture.completedFuture(answer.apply(request, node == null || node.isEmpty() ? null : node));
        }
    }
}
