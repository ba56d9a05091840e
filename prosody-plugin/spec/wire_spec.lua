-- Specs for the urn:warden:auth:1 wire format (auth_warden_wire.lib.lua).
local st = require "util.stanza";
local errors = require "util.error";
local base64 = require "util.encodings".base64;

local wire = dofile("auth_warden_wire.lib.lua");
local NS = "urn:warden:auth:1";

local function reply(type_, outcome)
	local s = st.stanza("iq", { type = type_, id = "w1", from = "warden.coop.test", to = "coop.test" });
	if outcome then s:tag("outcome", { xmlns = NS, value = outcome }):up(); end
	return s;
end

describe("build_check", function ()
	it("builds the IQ of docs/protocol.md", function ()
		local iq = wire.build_check("coop.test", "warden.coop.test", "w7c1", "alice", "alice-Secret1", "127.0.0.1");
		assert.same({ type = "get", id = "w7c1", from = "coop.test", to = "warden.coop.test" }, iq.attr);
		assert.equal(1, #iq.tags);
		assert.equal("<check xmlns='urn:warden:auth:1'><username>alice</username>"
			.. "<password>YWxpY2UtU2VjcmV0MQ==</password><ip>127.0.0.1</ip></check>", tostring(iq.tags[1]));
	end);

	it("base64-encodes any password bytes, including XML specials and non-ASCII", function ()
		local password = "<&'\"> pässwörd ✓";
		local iq = wire.build_check("coop.test", "warden.coop.test", "x", "bob", password);
		local check = iq:get_child("check", NS);
		assert.equal(password, base64.decode(check:get_child_text("password")));
		assert.is_nil(tostring(iq):find("pässwörd", 1, true));
	end);

	it("leaves out <ip/> when the session has no address", function ()
		local iq = wire.build_check("coop.test", "warden.coop.test", "x", "bob", "pw", nil);
		assert.is_nil(iq:get_child("check", NS):get_child("ip"));
		iq = wire.build_check("coop.test", "warden.coop.test", "x", "bob", "pw", "");
		assert.is_nil(iq:get_child("check", NS):get_child("ip"));
	end);

	it("returns a stanza positioned at the top, ready to send", function ()
		local iq = wire.build_check("coop.test", "warden.coop.test", "x", "bob", "pw", "::1");
		iq:tag("extra"):up();
		assert.truthy(iq:get_child("extra"));
	end);
end);

describe("outcome_of_reply", function ()
	it("reads each documented outcome", function ()
		for _, value in ipairs({ "accepted", "rejected", "unavailable" }) do
			assert.equal(value, (wire.outcome_of_reply(reply("result", value))));
		end
	end);

	it("treats a missing or unknown outcome as unavailable", function ()
		local outcome, detail = wire.outcome_of_reply(reply("result"));
		assert.equal("unavailable", outcome);
		assert.matches("malformed answer", detail);
		assert.equal("unavailable", (wire.outcome_of_reply(reply("result", "maybe"))));
		local wrong_ns = reply("result"):tag("outcome", { xmlns = "urn:warden:auth:2", value = "accepted" }):up();
		assert.equal("unavailable", (wire.outcome_of_reply(wrong_ns)));
	end);

	it("turns Prosody's bounce for an offline component into unavailable", function ()
		local request = st.iq({ type = "get", id = "w1", from = "coop.test", to = "warden.coop.test" });
		local bounce = st.error_reply(request, "wait", "remote-server-timeout", "Component unavailable");
		local outcome, detail, condition = wire.outcome_of_reply(bounce);
		assert.equal("unavailable", outcome);
		assert.equal("wait/remote-server-timeout: Component unavailable", detail);
		assert.equal("remote-server-timeout", condition);
	end);
end);

describe("outcome_of_error", function ()
	it("maps send_iq's timeout and overflow errors to unavailable", function ()
		local timeout = errors.new({ type = "wait", condition = "remote-server-timeout", text = "IQ stanza timed out" });
		local outcome, detail = wire.outcome_of_error(timeout);
		assert.equal("unavailable", outcome);
		assert.equal("wait/remote-server-timeout: IQ stanza timed out", detail);
		local full = errors.new({ type = "wait", condition = "resource-constraint" });
		assert.same({ "unavailable", "wait/resource-constraint", "resource-constraint" },
			{ wire.outcome_of_error(full) });
	end);

	it("maps a component's forbidden to unavailable and keeps the condition", function ()
		local request = st.iq({ type = "get", id = "w1", from = "coop.test", to = "warden.coop.test" });
		local err = errors.from_stanza(st.error_reply(request, "cancel", "forbidden"));
		local outcome, _, condition = wire.outcome_of_error(err);
		assert.equal("unavailable", outcome);
		assert.equal("forbidden", condition);
	end);

	it("copes with a non-table error", function ()
		assert.same({ "unavailable", "boom" }, { wire.outcome_of_error("boom") });
		assert.equal("unavailable", (wire.outcome_of_error(nil)));
	end);
end);
