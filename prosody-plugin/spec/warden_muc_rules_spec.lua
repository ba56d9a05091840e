-- Specs for moderator rules in mod_warden_muc: applying a decision's affiliation, <affiliate/>, and the wire.
local st = require "util.stanza";
local async = require "util.async";
local promise = require "util.promise";

local wire = dofile("warden_muc_wire.lib.lua");

local NS = "urn:warden:muc:1";
local HOST, COMPONENT = "conference.coop.test", "warden.coop.test";
local ROLES = { owner = "moderator", admin = "moderator", member = "participant" };

-- A room with the public affiliation API; set_affiliation records its calls and can be told to refuse.
local function fake_room(room_jid, affiliations)
	local room = { jid = room_jid, occupants = {}, affiliations = affiliations or {}, set = {} };
	function room:get_occupant_by_nick(nick) return self.occupants[nick]; end
	function room:each_occupant() return next, self.occupants, nil; end
	function room:get_affiliation(j) return self.affiliations[j]; end
	function room:get_default_role(affiliation) return ROLES[affiliation] or "participant"; end -- luacheck: ignore 212
	function room:set_affiliation(actor, j, affiliation)
		self.set[#self.set + 1] = { actor = actor, jid = j, affiliation = affiliation };
		if self.refuse then return nil, "modify", "not-acceptable"; end
		self.affiliations[j] = affiliation ~= "none" and affiliation or nil;
		return true;
	end
	return room;
end

-- mod_warden_muc.lua on a fake module whose component allows with `decision_attrs`.
local function load(decision_attrs)
	local m = { host = HOST, hooks = {}, asked = {}, fired = {}, logs = {}, rooms = {}, sent = {} };
	function m:get_option_string(name, default) -- luacheck: ignore 212/self
		return name == "warden_component" and COMPONENT or default;
	end
	function m:get_option_number(_, default) return default; end -- luacheck: ignore 212/self
	function m:require(lib) return dofile(lib .. ".lib.lua"); end -- luacheck: ignore 212/self
	function m:log(level, fmt, ...) self.logs[#self.logs + 1] = { level = level, text = fmt:format(...) }; end
	function m:hook(name, f) self.hooks[name] = f; end
	function m:send(stanza) self.sent[#self.sent + 1] = stanza; end
	function m:fire_event(name, event) self.fired[#self.fired + 1] = { name = name, event = event }; end
	function m:send_iq(stanza)
		self.asked[#self.asked + 1] = stanza;
		local attrs = { xmlns = NS, allow = "true" };
		for k, v in pairs(decision_attrs or {}) do attrs[k] = v; end
		return promise.resolve({ stanza = st.reply(stanza):tag("decision", attrs):up() });
	end
	function m:depends() -- luacheck: ignore 212/self
		return { get_room_from_jid = function (j) return m.rooms[j]; end, all_rooms = function () return next, {}; end };
	end
	assert(pcall(assert(loadfile("mod_warden_muc.lua", "t", setmetatable({ module = m }, { __index = _G })))));
	return m;
end

local function origin()
	local o = { replies = {} };
	function o.send(s) o.replies[#o.replies + 1] = s; end
	return o;
end

local function presence(room, from, nick)
	return st.presence({ from = from, to = room.jid .. "/" .. nick })
		:tag("x", { xmlns = "http://jabber.org/protocol/muc" }):up();
end

-- Runs a hook as Prosody runs a client's stanza: inside an async runner.
local function run(m, name, event)
	local out = {};
	async.runner(function () out.ret = m.hooks[name](event); end):run(true);
	return out.ret;
end

local function join_event(room, from, nick, role, stanza)
	return { room = room, origin = origin(), is_first_session = true, stanza = stanza or presence(room, from, nick),
		occupant = { nick = room.jid .. "/" .. nick, bare_jid = from:match("^[^/]+"), role = role } };
end

describe("a join decision's affiliation", function ()
	it("goes on the joiner's bare JID before the join completes", function ()
		local m = load({ affiliation = "owner", role = "moderator" });
		local room = fake_room("m@" .. HOST);
		m.rooms[room.jid] = room;
		local event = join_event(room, "alice@coop.test/laptop", "Alice", "participant");
		assert.is_true(run(m, "muc-occupant-pre-join", event));
		assert.same({ { actor = true, jid = "alice@coop.test", affiliation = "owner" } }, room.set);
		-- Prosody built the occupant as a participant: the presence goes round once more to build a moderator.
		assert.equal(1, #m.fired);
		assert.equal("presence/full", m.fired[1].name);
		local again = join_event(room, "alice@coop.test/laptop", "Alice", "moderator", event.stanza);
		assert.is_nil(m.hooks["muc-occupant-pre-join"](again));
		assert.equal(1, #m.fired);
		assert.equal(1, #m.asked);
	end);

	it("changes nothing when the joiner already has it", function ()
		local m = load({ affiliation = "member", role = "participant" });
		local room = fake_room("m@" .. HOST, { ["bob@coop.test"] = "member" });
		m.rooms[room.jid] = room;
		assert.is_nil(run(m, "muc-occupant-pre-join", join_event(room, "bob@coop.test/phone", "Bob", "participant")));
		assert.same({}, room.set);
		assert.same({}, m.fired);
	end);

	it("takes a stale ownership away before the member is seen as a moderator", function ()
		local m = load({ affiliation = "member", role = "participant" });
		local room = fake_room("m@" .. HOST, { ["bob@coop.test"] = "owner" });
		m.rooms[room.jid] = room;
		assert.is_true(run(m, "muc-occupant-pre-join", join_event(room, "bob@coop.test/phone", "Bob", "moderator")));
		assert.equal("member", room.affiliations["bob@coop.test"]);
		assert.equal("presence/full", m.fired[1].name);
	end);

	it("gives a guest no affiliation and never more than a participant", function ()
		local m = load({ affiliation = "none", role = "participant" });
		local room = fake_room("m@" .. HOST, { ["x7@guest.coop.test"] = "admin" });
		m.rooms[room.jid] = room;
		run(m, "muc-occupant-pre-join", join_event(room, "x7@guest.coop.test/web", "Guest", "moderator"));
		assert.same({ { actor = true, jid = "x7@guest.coop.test", affiliation = "none" } }, room.set);
		assert.is_nil(room.affiliations["x7@guest.coop.test"]);
	end);

	it("is not touched for a decision without one (a service account)", function ()
		local m = load();
		local room = fake_room("m@" .. HOST, { ["focus@auth.coop.test"] = "owner" });
		m.rooms[room.jid] = room;
		assert.is_nil(run(m, "muc-occupant-pre-join", join_event(room, "focus@auth.coop.test/f", "focus", "moderator")));
		assert.same({}, room.set);
	end);

	it("lets the joiner in with Prosody's default when Prosody refuses the change, and says so", function ()
		local m = load({ affiliation = "member", role = "participant" });
		local room = fake_room("m@" .. HOST, { ["admin1@coop.test"] = "owner" });
		room.refuse = true; -- as for a Prosody admin, who is owner of every room
		m.rooms[room.jid] = room;
		assert.is_nil(run(m, "muc-occupant-pre-join", join_event(room, "admin1@coop.test/x", "Admin", "moderator")));
		assert.same({}, m.fired);
		assert.matches("Could not make admin1@coop.test member of m@conference.coop.test: modify/not%-acceptable",
			m.logs[#m.logs].text);
	end);

	it("is given to a creator before Prosody builds their occupant, replacing the owner Prosody made them", function ()
		local m = load({ affiliation = "member", role = "participant" });
		local room = fake_room("l@" .. HOST, { ["alice@coop.test"] = "owner" }); -- Prosody's pre-create hook (-1)
		local stanza = presence(room, "alice@coop.test/laptop", "Alice");
		assert.is_nil(run(m, "muc-room-pre-create", { room = room, origin = origin(), stanza = stanza }));
		assert.equal("member", room.affiliations["alice@coop.test"]);
		local pre_join = join_event(room, "alice@coop.test/laptop", "Alice", "participant", stanza);
		pre_join.is_new_room = true;
		assert.is_nil(m.hooks["muc-occupant-pre-join"](pre_join));
		assert.same({}, m.fired);
	end);
end);

describe("<affiliate/> from the component", function ()
	local function affiliate(from, attrs)
		return { origin = origin(), stanza = st.iq({ type = "set", id = "a1", from = from, to = HOST })
			:tag("affiliate", attrs and setmetatable(attrs, nil) or { xmlns = NS }):up() };
	end
	local function attrs(room_jid, who, affiliation)
		return { xmlns = NS, room = room_jid, jid = who, affiliation = affiliation };
	end

	it("changes the affiliation through the room's API and answers result", function ()
		local m = load();
		local room = fake_room("h@" .. HOST, { ["alice@coop.test"] = "owner" });
		m.rooms[room.jid] = room;
		local event = affiliate(COMPONENT, attrs(room.jid, "bob@coop.test", "owner"));
		assert.is_true(m.hooks["iq-set/host/" .. NS .. ":affiliate"](event));
		assert.equal("result", event.origin.replies[1].attr.type);
		assert.same({ { actor = true, jid = "bob@coop.test", affiliation = "owner" } }, room.set);
	end);

	it("is refused from anyone but the component, and changes nothing", function ()
		local m = load();
		local room = fake_room("h@" .. HOST);
		m.rooms[room.jid] = room;
		for _, from in ipairs({ "alice@coop.test/laptop", "other.coop.test", COMPONENT .. "/x" }) do
			local event = affiliate(from, attrs(room.jid, "alice@coop.test", "owner"));
			m.hooks["iq-set/host/" .. NS .. ":affiliate"](event);
			assert.same({ "cancel", "forbidden" }, { event.origin.replies[1]:get_error() });
		end
		assert.same({}, room.set);
	end);

	it("answers item-not-found for a room that does not exist, and bad-request for a malformed request", function ()
		local m = load();
		local gone = affiliate(COMPONENT, attrs("gone@" .. HOST, "bob@coop.test", "owner"));
		m.hooks["iq-set/host/" .. NS .. ":affiliate"](gone);
		assert.same({ "cancel", "item-not-found", "No such room" }, { gone.origin.replies[1]:get_error() });
		local bad = affiliate(COMPONENT, attrs("h@" .. HOST, "bob@coop.test", "outcast"));
		m.hooks["iq-set/host/" .. NS .. ":affiliate"](bad);
		assert.same({ "modify", "bad-request", 'affiliation "outcast" is not one of owner, admin, member, none' },
			{ bad.origin.replies[1]:get_error() });
	end);

	it("passes Prosody's refusal on", function ()
		local m = load();
		local room = fake_room("h@" .. HOST);
		room.refuse = true;
		m.rooms[room.jid] = room;
		local event = affiliate(COMPONENT, attrs(room.jid, "admin1@coop.test", "member"));
		m.hooks["iq-set/host/" .. NS .. ":affiliate"](event);
		assert.same({ "modify", "not-acceptable" }, { event.origin.replies[1]:get_error() });
	end);
end);

describe("the wire", function ()
	local function decision(attrs)
		attrs.xmlns = NS;
		return wire.from_reply(st.iq({ type = "result", id = "1" }):tag("decision", attrs):up(), "refuse");
	end

	it("reads the affiliation and role of an allowing decision", function ()
		assert.same({ allow = true, affiliation = "owner", role = "moderator" },
			decision({ allow = "true", affiliation = "owner", role = "moderator" }));
		assert.same({ allow = true }, decision({ allow = "true" }));
	end);

	it("still allows a decision with an affiliation it does not know, without applying it", function ()
		local d = decision({ allow = "true", affiliation = "outcast", role = "none" });
		assert.is_true(d.allow);
		assert.is_nil(d.affiliation);
		assert.equal('affiliation="outcast"', d.bad);
	end);

	it("parses <affiliate/> and says what is wrong with a bad one", function ()
		local function parse(attrs)
			attrs.xmlns = NS;
			return wire.parse_affiliate(st.iq({ type = "set", id = "1" }):tag("affiliate", attrs):up());
		end
		assert.same({ room = "h@" .. HOST, jid = "bob@coop.test", affiliation = "member" },
			parse({ room = "h@" .. HOST, jid = "Bob@coop.test", affiliation = "member" }));
		for _, case in ipairs({
			{ { jid = "bob@coop.test", affiliation = "owner" }, "needs room, jid and affiliation" },
			{ { room = HOST, jid = "bob@coop.test", affiliation = "owner" }, "not a room's bare JID" },
			{ { room = "h@" .. HOST, jid = "bob@coop.test/x", affiliation = "owner" }, "not a bare user JID" },
			{ { room = "h@" .. HOST, jid = "bob@coop.test", affiliation = "outcast" }, "not one of owner" },
		}) do
			local ok, error_type, condition, text = parse(case[1]);
			assert.is_nil(ok);
			assert.same({ "modify", "bad-request" }, { error_type, condition });
			assert.matches(case[2], text, 1, true);
		end
	end);

	it("lists each occupant's affiliation in the sync answer", function ()
		local reply = wire.sync_reply(st.iq({ type = "get", id = "s", from = COMPONENT, to = HOST }), {
			{ jid = "m@" .. HOST,
				occupants = { { jid = "alice@coop.test/l", nick = "m@" .. HOST .. "/A", affiliation = "owner" } } },
		});
		assert.equal("owner", reply:get_child("sync", NS).tags[1].tags[1].attr.affiliation);
	end);
end);
