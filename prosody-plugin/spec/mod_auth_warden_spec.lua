-- Specs for mod_auth_warden.lua against fakes of Prosody's module API.
local st = require "util.stanza";
local promise = require "util.promise";
local errors = require "util.error";
local base64 = require "util.encodings".base64;
local fakes = require "spec.fakes";

local NS = "urn:warden:auth:1";
local COMPONENT_HOSTS = { ["warden.coop.test"] = { type = "component" } };

local function answer_with(value)
	return function (stanza)
		return promise.resolve({ stanza = st.reply(stanza):tag("outcome", { xmlns = NS, value = value }):up() });
	end;
end

local function load(options, answer, hosts)
	if options.warden_component == nil then
		options.warden_component = "warden.coop.test";
	elseif options.warden_component == false then
		options.warden_component = nil; -- not configured
	end
	local m = fakes.module(options, answer or answer_with("accepted"));
	local provider, err = fakes.load(m, hosts or COMPONENT_HOSTS);
	return provider, m, err;
end

local function login(provider, message, session)
	local handler = provider.get_sasl_handler(session or { ip = "192.0.2.7" });
	handler:select("PLAIN");
	local result, runner = fakes.in_thread(function () return handler:process(message); end);
	return result, handler, runner;
end

describe("loading", function ()
	it("fails with a clear error without warden_component", function ()
		local provider, _, err = load({ warden_component = false });
		assert.is_nil(provider);
		assert.matches("warden_component is not set", err);
	end);

	it("fails on a warden_component that is not a bare domain", function ()
		local provider, _, err = load({ warden_component = "auth@warden.coop.test" });
		assert.is_nil(provider);
		assert.matches("not a bare domain JID", err);
	end);

	it("provides an auth provider", function ()
		local _, m = load({});
		assert.equal("auth", m.provided.kind);
	end);

	it("announces urn:warden:auth:1 in the host's disco#info, for Warden's check of the Prosody side", function ()
		local _, m = load({});
		assert.same({ NS }, m.features);
	end);

	it("uses a 5 s timeout by default and clamps out-of-range values", function ()
		local provider, m = load({});
		login(provider, "\0alice\0pw");
		assert.equal(5, m.sent[1].timeout);
		provider, m = load({ warden_auth_timeout = 600 });
		login(provider, "\0alice\0pw");
		assert.equal(60, m.sent[1].timeout);
		assert.equal("error", m.logs[1].level);
		provider, m = load({ warden_auth_timeout = 0.1 });
		login(provider, "\0alice\0pw");
		assert.equal(0.5, m.sent[1].timeout);
	end);
end);

describe("a SASL PLAIN login", function ()
	it("sends the documented IQ from the host with the session's IP", function ()
		local provider, m = load({ warden_auth_timeout = 2 });
		login(provider, "\0Alice\0alice-Secret1", { ip = "198.51.100.4" });
		assert.equal(1, #m.sent);
		local iq = m.sent[1].stanza;
		assert.same({ "get", "coop.test", "warden.coop.test" }, { iq.attr.type, iq.attr.from, iq.attr.to });
		assert.truthy(iq.attr.id);
		local check = iq:get_child("check", NS);
		assert.equal("alice", check:get_child_text("username"));
		assert.equal("alice-Secret1", base64.decode(check:get_child_text("password")));
		assert.equal("198.51.100.4", check:get_child_text("ip"));
		assert.equal(2, m.sent[1].timeout);
	end);

	it("uses a fresh id for every check", function ()
		local provider, m = load({});
		login(provider, "\0alice\0pw");
		login(provider, "\0alice\0pw");
		assert.are_not.equal(m.sent[1].stanza.attr.id, m.sent[2].stanza.attr.id);
	end);

	it("succeeds when the component accepts", function ()
		local provider = load({}, answer_with("accepted"));
		local result, handler = login(provider, "\0alice\0pw");
		assert.equal("success", result.values[1]);
		assert.equal("alice", handler.username);
	end);

	it("answers not-authorized when the component rejects", function ()
		local provider = load({}, answer_with("rejected"));
		assert.equal("not-authorized", login(provider, "\0alice\0pw").values[2]);
	end);

	local unavailable_answers = {
		["an unavailable outcome"] = answer_with("unavailable"),
		["the offline bounce (resolved as an error stanza)"] = function (stanza)
			return promise.resolve({ stanza = st.error_reply(stanza, "wait", "remote-server-timeout",
				"Component unavailable") });
		end,
		["a timeout"] = function ()
			return promise.reject(errors.new({ type = "wait", condition = "remote-server-timeout",
				text = "IQ stanza timed out" }));
		end,
		["send_iq's 256-pending limit"] = function ()
			return promise.reject(errors.new({ type = "wait", condition = "resource-constraint" }));
		end,
		["a malformed answer"] = function (stanza) return promise.resolve({ stanza = st.reply(stanza) }); end,
	};
	for name, answer in pairs(unavailable_answers) do
		it("answers temporary-auth-failure for " .. name, function ()
			local provider = load({}, answer);
			local result = login(provider, "\0alice\0pw");
			assert.same({ "failure", "temporary-auth-failure",
				"Login service temporarily unavailable, try again shortly." }, { table.unpack(result.values, 1, 3) });
		end);
	end

	it("logs a configuration hint when the component answers forbidden", function ()
		local provider, m = load({}, function (stanza)
			return promise.resolve({ stanza = st.error_reply(stanza, "cancel", "forbidden") });
		end);
		assert.equal("temporary-auth-failure", login(provider, "\0alice\0pw").values[2]);
		assert.equal("error", m.logs[#m.logs].level);
		assert.matches("warden.auth.hosts", m.logs[#m.logs].text);
	end);

	it("never sends a password to a warden_component that is not a local component", function ()
		for _, hosts in ipairs({ {}, { ["warden.coop.test"] = { type = "local" } } }) do
			local provider, m = load({}, nil, hosts);
			assert.equal("temporary-auth-failure", login(provider, "\0alice\0pw").values[2]);
			assert.equal(0, #m.sent);
		end
	end);

	it("rejects invalid input without asking the component", function ()
		local provider, m = load({});
		for _, message in ipairs({ "\0\0pw", "\0alice\0", "\0alice\0p\0w", "\0alice@REALM\0pw",
				"\0" .. ("a"):rep(256) .. "\0pw", "\0alice\0" .. ("p"):rep(256) }) do
			assert.equal("not-authorized", login(provider, message).values[2]);
		end
		assert.equal(0, #m.sent);
	end);

	it("waits asynchronously: the session thread is suspended until the answer comes", function ()
		local resolve;
		local provider = load({}, function (stanza)
			return promise.new(function (res) resolve = function () res({ stanza = st.reply(stanza)
				:tag("outcome", { xmlns = NS, value = "accepted" }):up() }); end; end);
		end);
		local result, _, runner = login(provider, "\0alice\0pw");
		assert.is_false(result.done);
		assert.equal("waiting", runner.state);
		resolve();
		assert.is_true(result.done);
		assert.equal("success", result.values[1]);
	end);

	it("logs one line per check with user, ip, outcome and ms, and never the password", function ()
		local provider, m = load({}, answer_with("rejected"));
		m.logs = {}; -- forget the load-time debug line
		login(provider, "\0alice\0hunter2-Secret", { ip = "203.0.113.9" });
		login(provider, "\0alice\0hunter2\0Secret", { ip = "203.0.113.9" });
		assert.equal(2, #m.logs);
		assert.matches("^Password check for alice from 203%.0%.113%.9: rejected %(%d+ ms%)$", m.logs[1].text);
		assert.matches("rejected %(NUL byte in password, component not asked%)", m.logs[2].text);
		for _, line in ipairs(m.logs) do
			assert.is_nil(line.text:find("hunter2", 1, true));
			assert.is_nil(line.text:find(base64.encode("hunter2-Secret"), 1, true));
			assert.equal("info", line.level);
		end
	end);
end);

describe("the rest of the provider", function ()
	it("test_password asks the same way", function ()
		local provider, m = load({}, answer_with("accepted"));
		assert.is_true(fakes.in_thread(function () return provider.test_password("alice", "pw"); end).values[1]);
		assert.equal(1, #m.sent);
		assert.is_nil(m.sent[1].stanza:get_child("check", NS):get_child("ip"));
		provider = load({}, answer_with("rejected"));
		local result = fakes.in_thread(function () return provider.test_password("alice", "pw"); end);
		assert.is_nil(result.values[1]);
		assert.matches("Invalid username or password", result.values[2]);
	end);

	it("test_password outside an async thread fails as unavailable instead of erroring", function ()
		local provider, m = load({});
		local ok, err = provider.test_password("alice", "pw");
		assert.is_nil(ok);
		assert.matches("temporarily unavailable", err);
		assert.equal(0, #m.sent);
	end);

	it("user_exists is true for any valid username", function ()
		local provider = load({});
		assert.is_true(provider.user_exists("alice"));
		assert.is_false(provider.user_exists("alice@REALM"));
		assert.is_false(provider.user_exists(""));
	end);

	it("lists no users and refuses account changes with a reason", function ()
		local provider = load({});
		assert.is_nil(provider.users()());
		for _, name in ipairs({ "get_password", "set_password", "create_user", "delete_user" }) do
			local ok, err = provider[name]("alice", "pw");
			assert.is_nil(ok);
			assert.matches("^Not supported", err);
		end
	end);
end);

describe("revoke (the component ends a member's sessions)", function ()
	local function revoke_iq(from, username)
		local iq = st.iq({ type = "set", from = from, to = "coop.test", id = "r1" }):tag("revoke", { xmlns = NS });
		if username then iq:text_tag("username", username); end
		return iq:reset();
	end

	local function setup()
		local hosts = { ["warden.coop.test"] = { type = "component" } };
		local provider, m = load({}, answer_with("accepted"), hosts);
		local answers = {};
		local function fire(stanza)
			local origin = { send = function (reply) answers[#answers + 1] = reply; end };
			assert.is_true(m.hooks["iq-set/host/" .. NS .. ":revoke"]({ stanza = stanza, origin = origin }));
			return answers[#answers];
		end
		return provider, m, hosts, fire;
	end

	it("closes every session of that user on the host with not-authorized, and says how many", function ()
		local _, _, hosts, fire = setup();
		local laptop = fakes.session(hosts, "alice", "laptop");
		local phone = fakes.session(hosts, "alice", "phone");
		local bob = fakes.session(hosts, "bob", "desk");
		local reply = fire(revoke_iq("warden.coop.test", "alice"));
		assert.equal("result", reply.attr.type);
		assert.equal("2", reply:get_child("revoked", NS).attr.sessions);
		for _, s in ipairs({ laptop, phone }) do
			assert.same({ condition = "not-authorized",
				text = "Your password was changed or your account was disabled; log in again." }, s.closed);
		end
		assert.is_nil(bob.closed);
	end);

	it("answers a user without sessions with 0", function ()
		local _, _, _, fire = setup();
		assert.equal("0", fire(revoke_iq("warden.coop.test", "carol")):get_child("revoked", NS).attr.sessions);
	end);

	it("obeys only the configured component", function ()
		local _, _, hosts, fire = setup();
		local laptop = fakes.session(hosts, "alice", "laptop");
		for _, from in ipairs({ "dave@coop.test/x", "coop.test", "warden.coop.test/res", "evil.test" }) do
			local reply = fire(revoke_iq(from, "alice"));
			assert.equal("error", reply.attr.type);
			assert.equal("forbidden", select(2, reply:get_error()));
		end
		assert.is_nil(laptop.closed);
	end);

	it("refuses a missing or invalid username", function ()
		local _, _, hosts, fire = setup();
		local laptop = fakes.session(hosts, "alice", "laptop");
		for _, username in ipairs({ false, "", "Alice", "alice@OTHER.REALM", ("a"):rep(256) }) do
			local reply = fire(revoke_iq("warden.coop.test", username or nil));
			assert.equal("bad-request", select(2, reply:get_error()));
		end
		assert.is_nil(laptop.closed);
	end);

	it("ends a session that authenticated before the revocation but binds after it", function ()
		local provider, m, hosts, fire = setup();
		local binding = fakes.session(hosts, "alice", nil);
		local handler = provider.get_sasl_handler(binding);
		handler:select("PLAIN");
		fakes.in_thread(function () return handler:process("\0alice\0alice-Secret1"); end);
		assert.is_number(binding.warden_auth_at);
		fire(revoke_iq("warden.coop.test", "alice"));
		assert.is_nil(binding.closed);
		m.hooks["resource-bind"]({ session = binding });
		assert.equal("not-authorized", binding.closed.condition);
	end);

	it("leaves alone a session that authenticated after the revocation", function ()
		local _, m, hosts, fire = setup();
		fire(revoke_iq("warden.coop.test", "alice"));
		local later = fakes.session(hosts, "alice", nil);
		later.warden_auth_at = require "util.time".now() + 1;
		m.hooks["resource-bind"]({ session = later });
		assert.is_nil(later.closed);
		local other = fakes.session(hosts, "bob", nil);
		m.hooks["resource-bind"]({ session = other });
		assert.is_nil(other.closed);
	end);

	it("marks only accepted logins with their time", function ()
		local provider = load({}, answer_with("rejected"));
		local session = { ip = "192.0.2.7" };
		local handler = provider.get_sasl_handler(session);
		handler:select("PLAIN");
		fakes.in_thread(function () return handler:process("\0alice\0wrong"); end);
		assert.is_nil(session.warden_auth_at);
	end);
end);
