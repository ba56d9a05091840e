-- Specs for warden_breakout.lib.lua: the component's room requests on a MUC host, and emptied vs destroyed.
local st = require "util.stanza";

local breakout = dofile("warden_breakout.lib.lua");
local wire = dofile("warden_muc_wire.lib.lua");

local NS = "urn:warden:breakout:1";
local HOST, COMPONENT = "breakout.coop.test", "warden.coop.test";

local function fake_room(room_jid)
	local room = { jid = room_jid, saved = 0 };
	function room:set_persistent(p) self.persistent = p; end
	function room:set_name(n) self.name = n ~= "" and n or nil; end
	function room:save(forced) self.saved = self.saved + (forced and 1 or 0); end
	function room:destroy(alternate, reason) self.destroyed = { alternate = alternate, reason = reason }; end
	return room;
end

-- A fake module and MUC service; returns them and what init returned.
local function setup()
	local m = { host = HOST, hooks = {}, logs = {} };
	function m:hook(name, f, priority) self.hooks[name] = { f = f, priority = priority }; end
	function m:log(level, fmt, ...) self.logs[#self.logs + 1] = { level = level, text = fmt:format(...) }; end
	local muc = { rooms = {} };
	function muc.get_room_from_jid(room_jid) return muc.rooms[room_jid]; end
	function muc.create_room(room_jid)
		if muc.full then return nil, "room limit"; end
		muc.rooms[room_jid] = fake_room(room_jid);
		return muc.rooms[room_jid];
	end
	return m, muc, breakout.init(m, muc, COMPONENT);
end

-- Sends the component's request; returns the reply.
local function ask(m, kind, attrs, from)
	local replies = {};
	local origin = { send = function (s) replies[#replies + 1] = s; end };
	local stanza = st.iq({ type = "set", id = "b1", from = from or COMPONENT, to = HOST })
		:tag(kind, { xmlns = NS, room = attrs.room, name = attrs.name, reason = attrs.reason,
			alternate = attrs.alternate }):up();
	assert.is_true(m.hooks["iq-set/host/" .. NS .. ":" .. kind].f({ origin = origin, stanza = stanza }));
	assert.equal(1, #replies);
	return replies[1];
end

local function condition(reply)
	return select(2, reply:get_error());
end

describe("create-room", function ()
	it("creates a persistent room with the name and answers result", function ()
		local m, muc = setup();
		local reply = ask(m, "create-room", { room = "standup-1@" .. HOST, name = "Design" });
		assert.equal("result", reply.attr.type);
		local room = muc.rooms["standup-1@" .. HOST];
		assert.is_true(room.persistent);
		assert.equal("Design", room.name);
		assert.equal(1, room.saved);
	end);

	it("is idempotent: an existing room keeps existing and takes the new name", function ()
		local m, muc = setup();
		ask(m, "create-room", { room = "standup-1@" .. HOST, name = "Design" });
		local first = muc.rooms["standup-1@" .. HOST];
		assert.equal("result", ask(m, "create-room", { room = "standup-1@" .. HOST, name = "Ops" }).attr.type);
		assert.equal(first, muc.rooms["standup-1@" .. HOST]);
		assert.equal("Ops", first.name);
	end);

	it("answers resource-constraint when Prosody cannot create the room", function ()
		local m, muc = setup();
		muc.full = true;
		assert.equal("resource-constraint", condition(ask(m, "create-room", { room = "x@" .. HOST, name = "X" })));
	end);

	it("takes requests only from the component", function ()
		local m, muc = setup();
		local reply = ask(m, "create-room", { room = "x@" .. HOST, name = "X" }, "mallory@coop.test/laptop");
		assert.equal("forbidden", condition(reply));
		assert.is_nil(muc.rooms["x@" .. HOST]);
	end);

	it("refuses a room on another host, or a JID that is not a room's", function ()
		local m, muc = setup();
		assert.equal("bad-request", condition(ask(m, "create-room", { room = "x@conference.coop.test" })));
		assert.equal("bad-request", condition(ask(m, "create-room", { room = HOST })));
		assert.equal("bad-request", condition(ask(m, "create-room", { room = "x@" .. HOST .. "/nick" })));
		assert.is_nil(next(muc.rooms));
	end);
end);

describe("rename-room", function ()
	it("renames an existing room, and says item-not-found for a missing one", function ()
		local m, muc = setup();
		muc.rooms["r@" .. HOST] = fake_room("r@" .. HOST);
		assert.equal("result", ask(m, "rename-room", { room = "r@" .. HOST, name = "Ops" }).attr.type);
		assert.equal("Ops", muc.rooms["r@" .. HOST].name);
		assert.equal("item-not-found", condition(ask(m, "rename-room", { room = "gone@" .. HOST, name = "Y" })));
	end);
end);

describe("destroy-room", function ()
	it("destroys without leaving a tombstone, telling occupants the reason and the main room", function ()
		local m, muc = setup();
		local room = fake_room("r@" .. HOST);
		room.persistent = true;
		muc.rooms["r@" .. HOST] = room;
		local reply = ask(m, "destroy-room", { room = "r@" .. HOST, reason = "Time is up.",
			alternate = "standup@conference.coop.test" });
		assert.equal("result", reply.attr.type);
		assert.is_false(room.persistent);
		assert.same({ alternate = "standup@conference.coop.test", reason = "Time is up." }, room.destroyed);
	end);

	it("says item-not-found for a room that is gone already", function ()
		local m = setup();
		assert.equal("item-not-found", condition(ask(m, "destroy-room", { room = "gone@" .. HOST })));
	end);
end);

describe("emptied", function ()
	it("is true for a room Prosody removed without room:destroy(), nil for one destroyed", function ()
		local m, _, b = setup();
		local emptied, destroyed, vetoed = fake_room("a@c"), fake_room("b@c"), fake_room("c@c");
		m.hooks["muc-pre-room-destroy"].f({ room = destroyed, allowed = true });
		m.hooks["muc-pre-room-destroy"].f({ room = vetoed, allowed = false });
		assert.equal("true", b.emptied(emptied));
		assert.is_nil(b.emptied(destroyed));
		assert.equal("true", b.emptied(vetoed));
	end);

	it("goes out as the destroyed notification's emptied attribute", function ()
		local iq = wire.request("destroyed", { room = "a@c", emptied = "true" }, "c", COMPONENT, "n1");
		assert.equal("true", iq.tags[1].attr.emptied);
		assert.is_nil(wire.request("destroyed", { room = "a@c" }, "c", COMPONENT, "n2").tags[1].attr.emptied);
	end);
end);
