-- Specs for the urn:warden:muc:1 wire format (warden_muc_wire.lib.lua).
local st = require "util.stanza";
local errors = require "util.error";

local wire = dofile("warden_muc_wire.lib.lua");
local NS = "urn:warden:muc:1";
local UNAVAILABLE = "The room policy service is unavailable; try again shortly.";

local function result(decision_attrs, children)
	local iq = st.iq({ type = "result", id = "m2", from = "warden.coop.test", to = "conference.coop.test" });
	if decision_attrs then
		iq:tag("decision", decision_attrs);
		for _, child in ipairs(children or {}) do iq:add_child(child); end
		iq:up();
	end
	return iq;
end

local function join_presence()
	return st.presence({ from = "bob@coop.test/phone", to = "meeting@conference.coop.test/Bob" })
		:tag("x", { xmlns = "http://jabber.org/protocol/muc" }):up();
end

describe("request", function ()
	it("builds the join IQ of docs/protocol.md", function ()
		local iq = wire.request("join", { room = "meeting@conference.coop.test", occupant = "bob@coop.test/phone",
			nick = "meeting@conference.coop.test/Bob" }, "conference.coop.test", "warden.coop.test", "m2");
		assert.same({ type = "set", id = "m2", from = "conference.coop.test", to = "warden.coop.test" }, iq.attr);
		assert.equal(1, #iq.tags);
		local join = iq.tags[1];
		assert.equal("join", join.name);
		assert.same({ xmlns = NS, room = "meeting@conference.coop.test", occupant = "bob@coop.test/phone",
			nick = "meeting@conference.coop.test/Bob" }, join.attr);
	end);

	it("leaves out what a kind does not carry", function ()
		local create = wire.request("create", { room = "r@conference.coop.test", occupant = "alice@coop.test/laptop" },
			"conference.coop.test", "warden.coop.test", "m1").tags[1];
		assert.same({ xmlns = NS, room = "r@conference.coop.test", occupant = "alice@coop.test/laptop" }, create.attr);
		local destroyed = wire.request("destroyed", { room = "r@conference.coop.test" },
			"conference.coop.test", "warden.coop.test", "n1").tags[1];
		assert.same({ xmlns = NS, room = "r@conference.coop.test" }, destroyed.attr);
	end);
end);

describe("offline rule", function ()
	it("refuses with wait/service-unavailable and the documented text by default", function ()
		local d = wire.offline("refuse", "why");
		assert.same({ allow = false, error_type = "wait", condition = "service-unavailable",
			text = UNAVAILABLE, extra = {}, offline = "why" }, d);
	end);

	it("allows when warden_muc_offline = allow", function ()
		assert.same({ allow = true, offline = "why" }, wire.offline("allow", "why"));
	end);
end);

describe("from_reply", function ()
	it("reads an allowing decision", function ()
		assert.same({ allow = true }, wire.from_reply(result({ xmlns = NS, allow = "true" }), "refuse"));
	end);

	it("carries issue 4's role and affiliation without acting on them", function ()
		local d = wire.from_reply(result({ xmlns = NS, allow = "true", role = "moderator", affiliation = "owner" }));
		assert.same({ allow = true, role = "moderator", affiliation = "owner" }, d);
	end);

	it("reads a refusal with its type, condition, text and every other child", function ()
		local full = st.stanza("full", { xmlns = NS, cap = "20", count = "20" });
		local other = st.stanza("hint", { xmlns = "urn:example:other" }):text("x");
		local d = wire.from_reply(result({ xmlns = NS, allow = "false", ["error-type"] = "cancel",
			condition = "service-unavailable" },
			{ st.stanza("text", { xmlns = NS }):text("This meeting is full (20 of 20)."), full, other }), "refuse");
		assert.is_false(d.allow);
		assert.equal("cancel", d.error_type);
		assert.equal("service-unavailable", d.condition);
		assert.equal("This meeting is full (20 of 20).", d.text);
		assert.equal(2, #d.extra);
		assert.same({ "full", { xmlns = NS, cap = "20", count = "20" } }, { d.extra[1].name, d.extra[1].attr });
		local hint = d.extra[2];
		assert.same({ "hint", { xmlns = "urn:example:other" }, "x" }, { hint.name, hint.attr, hint:get_text() });
		assert.are_not.equal(full, d.extra[1]); -- a copy, not the component's element
		assert.is_nil(d.offline);
	end);

	it("gives a child built without xmlns the decision's namespace", function ()
		local d = wire.from_reply(result({ xmlns = NS, allow = "false" }, { st.stanza("full", { cap = "2" }) }));
		assert.equal(NS, d.extra[1].attr.xmlns);
	end);

	it("falls back to cancel/not-allowed when the component names no valid error", function ()
		local d = wire.from_reply(result({ xmlns = NS, allow = "false", ["error-type"] = "later", condition = "nope" }));
		assert.same({ allow = false, error_type = "cancel", condition = "not-allowed", extra = {} }, d);
	end);

	it("applies the offline rule to a bounce of the IQ", function ()
		local iq = wire.request("join", { room = "r@c" }, "conference.coop.test", "warden.coop.test", "m3");
		local bounce = st.error_reply(iq, "wait", "remote-server-timeout", "Component unavailable");
		local d = wire.from_reply(bounce, "refuse");
		assert.same({ allow = false, error_type = "wait", condition = "service-unavailable", text = UNAVAILABLE,
			extra = {}, offline = "wait/remote-server-timeout: Component unavailable" }, d);
		assert.is_true(wire.from_reply(bounce, "allow").allow);
	end);

	it("applies the offline rule to an answer that is not a decision", function ()
		assert.equal("result without <decision/>", wire.from_reply(result(), "refuse").offline);
		local d = wire.from_reply(result({ xmlns = NS, allow = "maybe" }), "refuse");
		assert.is_false(d.allow);
		assert.equal('<decision/> with allow="maybe"', d.offline);
		assert.truthy(wire.from_reply(result({ xmlns = "urn:warden:muc:2", allow = "true" }), "refuse").offline);
	end);
end);

describe("from_failure", function ()
	it("applies the offline rule to send_iq's timeout and cache eviction", function ()
		local timeout = errors.new({ type = "wait", condition = "remote-server-timeout", text = "IQ stanza timed out" });
		assert.same(wire.offline("refuse", "remote-server-timeout"), wire.from_failure(timeout, "refuse"));
		local evicted = errors.new({ type = "wait", condition = "resource-constraint" });
		assert.same(wire.offline("allow", "resource-constraint"), wire.from_failure(evicted, "allow"));
		assert.equal("boom", wire.from_failure("boom", "refuse").offline);
	end);
end);

describe("refusal", function ()
	it("is the presence error of docs/protocol.md, <full/> included", function ()
		local d = wire.from_reply(result({ xmlns = NS, allow = "false", ["error-type"] = "cancel",
			condition = "service-unavailable" }, { st.stanza("text", { xmlns = NS }):text("This meeting is full (2 of 2)."),
			st.stanza("full", { xmlns = NS, cap = "2", count = "2" }) }));
		local reply = wire.refusal(join_presence(), d, "meeting@conference.coop.test");
		assert.same({ type = "error", from = "meeting@conference.coop.test/Bob", to = "bob@coop.test/phone" }, reply.attr);
		local error_type, condition, text, extra = reply:get_error();
		assert.equal("cancel", error_type);
		assert.equal("service-unavailable", condition);
		assert.equal("This meeting is full (2 of 2).", text);
		assert.equal("full", extra.name);
		assert.same({ xmlns = NS, cap = "2", count = "2" }, extra.attr);
		assert.equal("meeting@conference.coop.test", reply:get_child("error").attr.by);
	end);

	it("carries the offline text", function ()
		local reply = wire.refusal(join_presence(), wire.offline("refuse"), "conference.coop.test");
		local error_type, condition, text = reply:get_error();
		assert.same({ "wait", "service-unavailable", UNAVAILABLE }, { error_type, condition, text });
	end);
end);

describe("renamed_to", function ()
	it("names the new nick for an available presence, with or without <x xmlns=muc>", function ()
		local rename = st.presence({ from = "bob@coop.test/phone", to = "meeting@c/Robert" });
		assert.equal("meeting@c/Robert", wire.renamed_to(rename));
		assert.equal("meeting@conference.coop.test/Bob", wire.renamed_to(join_presence()));
	end);

	it("is nil for a leave and for a kick or ban (no stanza)", function ()
		assert.is_nil(wire.renamed_to(st.presence({ type = "unavailable", to = "meeting@c/Bob" })));
		assert.is_nil(wire.renamed_to(nil));
	end);
end);

describe("sync_reply", function ()
	it("lists rooms and their occupants", function ()
		local get = st.iq({ type = "get", id = "s1", from = "warden.coop.test", to = "conference.coop.test" })
			:tag("sync", { xmlns = NS }):up();
		local reply = wire.sync_reply(get, {
			{ jid = "meeting@c", occupants = { { jid = "alice@coop.test/laptop", nick = "meeting@c/Alice" },
				{ jid = "bob@coop.test/phone", nick = "meeting@c/Bob" } } },
			{ jid = "other@c", occupants = { { jid = "carol@coop.test/x", nick = "other@c/Carol" } } },
		});
		assert.same({ type = "result", id = "s1", from = "conference.coop.test", to = "warden.coop.test" }, reply.attr);
		local sync = reply:get_child("sync", NS);
		local seen = {};
		for room in sync:childtags("room") do
			for occupant in room:childtags("occupant") do
				seen[#seen + 1] = room.attr.jid .. " " .. occupant.attr.jid .. " " .. occupant.attr.nick;
			end
		end
		assert.same({ "meeting@c alice@coop.test/laptop meeting@c/Alice", "meeting@c bob@coop.test/phone meeting@c/Bob",
			"other@c carol@coop.test/x other@c/Carol" }, seen);
	end);

	it("answers an empty <sync/> when no room has occupants", function ()
		local get = st.iq({ type = "get", id = "s2", from = "warden.coop.test", to = "c" }):tag("sync", { xmlns = NS }):up();
		assert.equal(0, #wire.sync_reply(get, {}):get_child("sync", NS).tags);
	end);
end);
