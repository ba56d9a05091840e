-- Specs for mod_warden_muc.lua's hooks against small fakes of Prosody's module API and MUC rooms.
local st = require "util.stanza";
local async = require "util.async";
local promise = require "util.promise";
local errors = require "util.error";

local NS = "urn:warden:muc:1";
local HOST, COMPONENT = "conference.coop.test", "warden.coop.test";

-- A room with the public API the module uses.
local function fake_room(room_jid, occupants)
	local room = { jid = room_jid, occupants = occupants or {} };
	function room:get_occupant_by_nick(nick) return self.occupants[nick]; end
	function room:each_occupant() return next, self.occupants, nil; end
	function room:get_affiliation(j) return self.affiliations and self.affiliations[j]; end
	return room;
end

-- Loads mod_warden_muc.lua with a fake module. answer(stanza) returns what send_iq would (a promise);
-- by default the component allows everything.
local function load(options, answer)
	options = options or {};
	if options.warden_component == nil then options.warden_component = COMPONENT; end
	if options.warden_component == false then options.warden_component = nil; end
	local m = { host = HOST, hooks = {}, asked = {}, sent = {}, fired = {}, logs = {}, rooms = {} };
	local function option(name, default)
		local v = options[name];
		if v == nil then return default; end
		return v;
	end
	function m:get_option_string(name, default) -- luacheck: ignore 212/self
		local v = option(name, default);
		return v and tostring(v);
	end
	function m:get_option_number(name, default) -- luacheck: ignore 212/self
		return tonumber(option(name, default));
	end
	function m:require(lib) return dofile(lib .. ".lib.lua"); end -- luacheck: ignore 212/self
	function m:log(level, fmt, ...) self.logs[#self.logs + 1] = { level = level, text = fmt:format(...) }; end
	function m:hook(name, f, priority) self.hooks[name] = { f = f, priority = priority }; end
	function m:send(stanza) self.sent[#self.sent + 1] = stanza; end
	function m:fire_event(name, event) self.fired[#self.fired + 1] = { name = name, event = event }; end
	function m:send_iq(stanza, origin, timeout) -- luacheck: ignore 212/origin
		self.asked[#self.asked + 1] = { stanza = stanza, timeout = timeout };
		return (answer or m.answer)(stanza);
	end
	function m:depends(name) -- luacheck: ignore 212/self
		assert.equal("muc", name);
		return {
			get_room_from_jid = function (room_jid) return m.rooms[room_jid]; end;
			all_rooms = function () local i = 0; return function () i = i + 1; return m.rooms_list[i]; end; end;
		};
	end
	m.answer = function (stanza)
		return promise.resolve({ stanza = st.reply(stanza):tag("decision", { xmlns = NS, allow = "true" }):up() });
	end;
	local env = setmetatable({ module = m }, { __index = _G });
	local ok, err = pcall(assert(loadfile("mod_warden_muc.lua", "t", env)));
	return ok and m or nil, err;
end

local function refuse_full(stanza)
	return promise.resolve({ stanza = st.reply(stanza)
		:tag("decision", { xmlns = NS, allow = "false", ["error-type"] = "cancel", condition = "service-unavailable" })
		:text_tag("text", "This meeting is full (2 of 2).")
		:tag("full", { xmlns = NS, cap = "2", count = "2" }):up():up() });
end

local function origin()
	local o = { replies = {} };
	function o.send(s) o.replies[#o.replies + 1] = s; end
	return o;
end

local function join_event(room, nick, from, extra)
	local event = {
		room = room, origin = origin(), is_first_session = true,
		stanza = st.presence({ from = from or "bob@coop.test/phone", to = room.jid .. "/" .. nick })
			:tag("x", { xmlns = "http://jabber.org/protocol/muc" }):up(),
		occupant = { nick = room.jid .. "/" .. nick, bare_jid = "bob@coop.test" },
	};
	for k, v in pairs(extra or {}) do event[k] = v; end
	return event;
end

-- Runs a hook as Prosody runs a client's stanza: inside an async runner.
local function in_runner(m, name, event)
	local out = { done = false };
	async.runner(function ()
		out.ret = m.hooks[name].f(event);
		out.done = true;
	end):run(true);
	return out;
end

local function asked(m, i)
	local s = m.asked[i].stanza;
	return s.tags[1].name, s.tags[1].attr;
end

describe("options", function ()
	it("refuses to load without warden_component", function ()
		local m, err = load({ warden_component = false });
		assert.is_nil(m);
		assert.matches("option warden_component is not set", err);
	end);

	it("refuses a warden_component that is not a bare domain", function ()
		assert.matches("is not a bare domain JID", select(2, load({ warden_component = "bot@warden.coop.test" })));
	end);

	it("refuses an unknown warden_muc_offline", function ()
		assert.matches('warden_muc_offline = "maybe"', select(2, load({ warden_muc_offline = "maybe" })));
	end);

	it("clamps warden_muc_timeout and says so", function ()
		local m = load({ warden_muc_timeout = 600 });
		assert.equal("error", m.logs[1].level);
		m.hooks["muc-occupant-pre-join"].f(join_event(fake_room("r@" .. HOST), "Bob"));
		assert.equal(60, m.asked[1].timeout);
		local default = load();
		default.hooks["muc-occupant-pre-join"].f(join_event(fake_room("r@" .. HOST), "Bob"));
		assert.equal(3, default.asked[1].timeout);
	end);

	it("registers its MUC hooks with explicit priorities", function ()
		local m = load();
		assert.equal(-100, m.hooks["muc-room-pre-create"].priority);
		assert.equal(-100, m.hooks["muc-occupant-pre-join"].priority);
		assert.equal(1, m.hooks["muc-occupant-left"].priority);
		assert.equal(1, m.hooks["muc-room-destroyed"].priority);
	end);
end);

describe("muc-room-pre-create", function ()
	local function create_event(room)
		return { room = room, origin = origin(),
			stanza = st.presence({ from = "alice@coop.test/laptop", to = room.jid .. "/Alice" })
				:tag("x", { xmlns = "http://jabber.org/protocol/muc" }):up() };
	end

	it("asks create, then the creator's join, and lets the creator's pre-join use that answer", function ()
		local m = load();
		local room = fake_room("meeting@" .. HOST);
		local event = create_event(room);
		local out = in_runner(m, "muc-room-pre-create", event);
		assert.is_true(out.done);
		assert.is_nil(out.ret);
		local kind, attrs = asked(m, 1);
		assert.equal("create", kind);
		assert.same({ xmlns = NS, room = room.jid, occupant = "alice@coop.test/laptop" }, attrs);
		kind, attrs = asked(m, 2);
		assert.equal("join", kind);
		assert.equal(room.jid .. "/Alice", attrs.nick);
		local pre_join = join_event(room, "Alice", "alice@coop.test/laptop", { stanza = event.stanza, is_new_room = true });
		assert.is_nil(m.hooks["muc-occupant-pre-join"].f(pre_join));
		assert.equal(2, #m.asked);
	end);

	it("refuses the creator with the decision's error and never asks the join", function ()
		local m = load({}, function (stanza)
			return promise.resolve({ stanza = st.reply(stanza):tag("decision", { xmlns = NS, allow = "false",
				["error-type"] = "cancel", condition = "not-allowed" }):up() });
		end);
		local event = create_event(fake_room("nocreate@" .. HOST));
		assert.is_true(in_runner(m, "muc-room-pre-create", event).ret);
		assert.equal(1, #m.asked);
		local reply = event.origin.replies[1];
		assert.same({ "cancel", "not-allowed" }, { reply:get_error() });
		assert.equal(HOST, reply:get_child("error").attr.by);
	end);

	it("does not create a room its creator may not enter", function ()
		local m = load({}, function (stanza)
			if stanza.tags[1].name == "create" then return load().answer(stanza); end
			return refuse_full(stanza);
		end);
		local event = create_event(fake_room("r@" .. HOST));
		assert.is_true(in_runner(m, "muc-room-pre-create", event).ret);
		assert.equal("service-unavailable", select(2, event.origin.replies[1]:get_error()));
	end);

	it("joins the room another creator made while it waited", function ()
		local m = load();
		local room = fake_room("r@" .. HOST);
		m.rooms[room.jid] = fake_room(room.jid); -- tracked by the other creator meanwhile
		local event = create_event(room);
		assert.is_true(in_runner(m, "muc-room-pre-create", event).ret);
		assert.equal("presence/full", m.fired[1].name);
		assert.equal(event.stanza, m.fired[1].event.stanza);
		assert.is_nil(event.origin.replies[1]);
	end);

	it("gives the seat back when Prosody turns the join into the other creator's room away", function ()
		local m = load();
		local room = fake_room("r@" .. HOST);
		m.rooms[room.jid] = fake_room(room.jid);
		-- The replayed presence never reaches the pre-join hook: the new room is still locked (-30).
		assert.is_true(in_runner(m, "muc-room-pre-create", create_event(room)).ret);
		assert.equal(1, #m.sent);
		local left = m.sent[1].tags[1];
		assert.equal("left", left.name);
		assert.same({ xmlns = NS, room = room.jid, occupant = "alice@coop.test/laptop", nick = room.jid .. "/Alice" },
			left.attr);
	end);

	it("keeps the seat when the join into the other creator's room goes through", function ()
		local m = load();
		local room = fake_room("r@" .. HOST);
		m.rooms[room.jid] = fake_room(room.jid);
		function m:fire_event(name, e) -- Prosody runs the pre-join hooks while the presence is replayed
			self.fired[#self.fired + 1] = { name = name, event = e };
			local pre_join = join_event(room, "Alice", "alice@coop.test/laptop", { stanza = e.stanza });
			assert.is_nil(self.hooks["muc-occupant-pre-join"].f(pre_join));
		end
		assert.is_true(in_runner(m, "muc-room-pre-create", create_event(room)).ret);
		assert.equal(2, #m.asked); -- create and join, not asked again on the replay
		assert.same({}, m.sent);
	end);
end);

describe("muc-occupant-pre-join", function ()
	local room;
	before_each(function () room = fake_room("meeting@" .. HOST); end);

	local function with_room(m) m.rooms[room.jid] = room; return m; end

	it("asks join and lets an allowed joiner in", function ()
		local m = with_room(load());
		local out = in_runner(m, "muc-occupant-pre-join", join_event(room, "Bob"));
		assert.is_true(out.done);
		assert.is_nil(out.ret);
		local kind, attrs = asked(m, 1);
		assert.equal("join", kind);
		assert.same({ xmlns = NS, room = room.jid, occupant = "bob@coop.test/phone", nick = room.jid .. "/Bob" }, attrs);
		assert.equal(HOST, m.asked[1].stanza.attr.from);
		assert.equal(COMPONENT, m.asked[1].stanza.attr.to);
	end);

	it("refuses with the decision's error and <full/>", function ()
		local m = with_room(load({}, refuse_full));
		local event = join_event(room, "Bob");
		assert.is_true(in_runner(m, "muc-occupant-pre-join", event).ret);
		local error_type, condition, text, extra = event.origin.replies[1]:get_error();
		assert.same({ "cancel", "service-unavailable", "This meeting is full (2 of 2)." }, { error_type, condition, text });
		assert.same({ xmlns = NS, cap = "2", count = "2" }, extra.attr);
	end);

	it("does not ask for a further session of an occupant already seated", function ()
		local m = with_room(load());
		assert.is_nil(m.hooks["muc-occupant-pre-join"].f(join_event(room, "Bob", nil, { is_first_session = false })));
		assert.equal(0, #m.asked);
	end);

	it("waits in the runner until the component answers", function ()
		local resolve;
		local m = with_room(load({}, function () return promise.new(function (r) resolve = r; end); end));
		local event = join_event(room, "Bob");
		local out = in_runner(m, "muc-occupant-pre-join", event);
		assert.is_false(out.done);
		resolve({ stanza = st.iq({ type = "result", id = "x", from = COMPONENT })
			:tag("decision", { xmlns = NS, allow = "true" }):up() });
		assert.is_true(out.done);
		assert.is_nil(out.ret);
	end);

	it("drops the join of a client that left while it waited", function ()
		local resolve;
		local m = with_room(load({}, function () return promise.new(function (r) resolve = r; end); end));
		local event = join_event(room, "Bob");
		local out = in_runner(m, "muc-occupant-pre-join", event);
		event.origin.destroyed = true;
		resolve({ stanza = st.iq({ type = "result", id = "x" }):tag("decision", { xmlns = NS, allow = "true" }):up() });
		assert.is_true(out.ret);
		assert.same({}, event.origin.replies);
		assert.same({}, m.fired);
	end);

	it("hands the presence back to the MUC when the nick was taken while it waited", function ()
		local resolve;
		local m = with_room(load({}, function () return promise.new(function (r) resolve = r; end); end));
		local event = join_event(room, "Bob");
		local out = in_runner(m, "muc-occupant-pre-join", event);
		room.occupants[room.jid .. "/Bob"] = { jid = "mallory@coop.test/x", nick = room.jid .. "/Bob" };
		resolve({ stanza = st.iq({ type = "result", id = "x" }):tag("decision", { xmlns = NS, allow = "true" }):up() });
		assert.is_true(out.ret);
		assert.equal("presence/full", m.fired[1].name);
		-- The replayed presence goes through with the decision already had, without asking again.
		room.occupants = {};
		assert.is_nil(m.hooks["muc-occupant-pre-join"].f(join_event(room, "Bob", nil, { stanza = event.stanza })));
		assert.equal(1, #m.asked);
	end);

	it("outside a runner, returns at once and replays the presence with the decision", function ()
		local resolve;
		local m = with_room(load({}, function () return promise.new(function (r) resolve = r; end); end));
		local event = join_event(room, "Bot", "bot@warden.coop.test/x");
		assert.is_true(m.hooks["muc-occupant-pre-join"].f(event));
		assert.same({}, m.fired);
		refuse_full(st.iq({ type = "set", id = "x", from = HOST, to = COMPONENT }):tag("join"):up())
			:next(function (e) resolve(e); end);
		assert.equal("presence/full", m.fired[1].name);
		local replayed = join_event(room, "Bot", "bot@warden.coop.test/x", { stanza = event.stanza, origin = event.origin });
		assert.is_true(m.hooks["muc-occupant-pre-join"].f(replayed));
		assert.equal("service-unavailable", select(2, event.origin.replies[1]:get_error()));
		assert.equal(1, #m.asked);
	end);

	it("outside a runner, replays nothing for a client that left meanwhile", function ()
		local resolve;
		local m = with_room(load({}, function () return promise.new(function (r) resolve = r; end); end));
		local event = join_event(room, "Bot", "bot@warden.coop.test/x");
		assert.is_true(m.hooks["muc-occupant-pre-join"].f(event));
		event.origin.destroyed = true;
		resolve({ stanza = st.iq({ type = "result", id = "x" }):tag("decision", { xmlns = NS, allow = "true" }):up() });
		assert.same({}, m.fired);
	end);

	describe("when the component is unreachable", function ()
		local function bounce(stanza)
			local bounced = st.error_reply(stanza, "wait", "remote-server-timeout", "Component unavailable");
			return promise.resolve({ stanza = bounced });
		end
		local function timeout()
			return promise.reject(errors.new({ type = "wait", condition = "remote-server-timeout" }));
		end

		it("refuses with wait/service-unavailable and the documented text by default", function ()
			for _, answer in ipairs({ bounce, timeout }) do
				local m = with_room(load({}, answer));
				local event = join_event(room, "Bob");
				assert.is_true(in_runner(m, "muc-occupant-pre-join", event).ret);
				assert.same({ "wait", "service-unavailable", "The room policy service is unavailable; try again shortly." },
					{ event.origin.replies[1]:get_error() });
				assert.equal("warn", m.logs[#m.logs].level);
			end
		end);

		it("lets the joiner in with warden_muc_offline = allow", function ()
			local m = with_room(load({ warden_muc_offline = "allow" }, bounce));
			local event = join_event(room, "Bob");
			assert.is_nil(in_runner(m, "muc-occupant-pre-join", event).ret);
			assert.same({}, event.origin.replies);
		end);
	end);
end);

describe("notifications", function ()
	local room = fake_room("meeting@" .. HOST);

	local function sent(m)
		local out = {};
		for _, s in ipairs(m.sent) do
			assert.equal(COMPONENT, s.attr.to);
			assert.matches("^wmn%-", s.attr.id);
			local child = s.tags[1];
			out[#out + 1] = child.name .. " " .. (child.attr.nick or child.attr.room) .. " " .. tostring(child.attr.occupant);
		end
		return out;
	end

	it("tells joined, left and destroyed", function ()
		local m = load();
		m.hooks["muc-occupant-joined"].f({ room = room, nick = room.jid .. "/Bob",
			stanza = st.presence({ from = "bob@coop.test/phone" }) });
		m.hooks["muc-occupant-left"].f({ room = room, nick = room.jid .. "/Bob",
			occupant = { jid = "bob@coop.test/phone" }, stanza = st.presence({ type = "unavailable" }) });
		m.hooks["muc-occupant-left"].f({ room = room, nick = room.jid .. "/Carol",
			occupant = { jid = "carol@coop.test/c" } }); -- a kick: no stanza
		m.hooks["muc-room-destroyed"].f({ room = room });
		assert.same({ "joined meeting@conference.coop.test/Bob bob@coop.test/phone",
			"left meeting@conference.coop.test/Bob bob@coop.test/phone",
			"left meeting@conference.coop.test/Carol carol@coop.test/c",
			"destroyed meeting@conference.coop.test nil" }, sent(m));
	end);

	it("keeps quiet about a nick change: the seat stays with its occupant", function ()
		local m = load();
		m.hooks["muc-occupant-left"].f({ room = room, nick = room.jid .. "/Bob", occupant = { jid = "bob@coop.test/phone" },
			stanza = st.presence({ from = "bob@coop.test/phone", to = room.jid .. "/Robert" }) });
		assert.same({}, sent(m));
	end);

	it("tells left when a session moves into a nick its user already holds", function ()
		local m = load();
		local merged = fake_room(room.jid, { [room.jid .. "/Robert"] = { jid = "bob@coop.test/laptop" } });
		-- Prosody has already taken the moving session off the old occupant: it has no primary session left.
		m.hooks["muc-occupant-left"].f({ room = merged, nick = room.jid .. "/Bob", occupant = {},
			stanza = st.presence({ from = "bob@coop.test/phone", to = room.jid .. "/Robert" }) });
		assert.same({ "left meeting@conference.coop.test/Bob bob@coop.test/phone" }, sent(m));
	end);

	it("swallows the component's answers to notifications, and only those", function ()
		local m = load();
		local hook = m.hooks["iq/host"];
		assert.equal(1, hook.priority);
		local function answer(type, id, from)
			return { stanza = st.iq({ type = type, id = id, from = from or COMPONENT, to = HOST }) };
		end
		assert.is_true(hook.f(answer("result", "wmn-1")));
		assert.is_true(hook.f(answer("error", "wmn-2")));
		assert.is_nil(hook.f(answer("result", "wm-3")));
		assert.is_nil(hook.f(answer("result", "wmn-4", "alice@coop.test/x")));
	end);
end);

describe("sync", function ()
	local function get(from)
		return { origin = origin(), stanza = st.iq({ type = "get", id = "s1", from = from, to = HOST })
			:tag("sync", { xmlns = NS }):up() };
	end

	it("answers the component with every room that has occupants", function ()
		local m = load();
		local meeting = fake_room("meeting@" .. HOST, { [("meeting@" .. HOST .. "/Alice")] =
			{ jid = "alice@coop.test/laptop", nick = "meeting@" .. HOST .. "/Alice" } });
		m.rooms_list = { meeting, fake_room("empty@" .. HOST) };
		local event = get(COMPONENT);
		assert.is_true(m.hooks["iq-get/host/" .. NS .. ":sync"].f(event));
		local rooms = event.origin.replies[1]:get_child("sync", NS).tags;
		assert.equal(1, #rooms);
		assert.equal("meeting@" .. HOST, rooms[1].attr.jid);
		assert.same({ jid = "alice@coop.test/laptop", nick = "meeting@" .. HOST .. "/Alice", affiliation = "none" },
			rooms[1].tags[1].attr);
	end);

	it("refuses anyone but the configured component", function ()
		local m = load();
		m.rooms_list = {};
		for _, from in ipairs({ "alice@coop.test/laptop", "other.coop.test", COMPONENT .. "/x" }) do
			local event = get(from);
			assert.is_true(m.hooks["iq-get/host/" .. NS .. ":sync"].f(event));
			assert.same({ "cancel", "forbidden" }, { event.origin.replies[1]:get_error() });
		end
	end);
end);
