-- Specs for the PLAIN handler and input rules (auth_warden_sasl.lib.lua).
local sasl = dofile("auth_warden_sasl.lib.lua");

-- A checker that records what it was asked and answers with a fixed outcome.
local function fake_check(outcome)
	local calls = {};
	return function (username, password)
		calls[#calls + 1] = { username = username, password = password };
		return outcome, sasl.validate(username, password);
	end, calls;
end

describe("validate", function ()
	it("nodepreps a good username", function ()
		assert.equal("alice", sasl.validate("Alice", "pw"));
	end);

	it("refuses what the component must never see", function ()
		local cases = {
			{ "", "pw", "empty username" },
			{ "alice", "", "empty password" },
			{ nil, "pw", "empty username" },
			{ "alice", nil, "empty password" },
			{ "al\0ice", "pw", "NUL byte in username" },
			{ "alice", "p\0w", "NUL byte in password" },
			{ ("a"):rep(256), "pw", "username over 255 bytes" },
			{ "alice", ("p"):rep(256), "password over 255 bytes" },
			{ "alice@EXAMPLE.ORG", "pw", "username fails nodeprep" },
			{ "alice/laptop", "pw", "username fails nodeprep" },
			{ "a lice", "pw", "username fails nodeprep" },
			{ "alice", "\255\254", "password is not UTF-8" },
		};
		for _, case in ipairs(cases) do
			local username, reason = sasl.validate(case[1], case[2]);
			assert.is_nil(username);
			assert.equal(case[3], reason);
		end
	end);

	it("accepts fields of exactly 255 bytes and non-ASCII passwords", function ()
		assert.equal(("a"):rep(255), sasl.validate(("a"):rep(255), "pw"));
		assert.equal("bob", sasl.validate("bob", ("p"):rep(255)));
		assert.equal("bob", sasl.validate("bob", "pässwörd ✓ with spaces"));
	end);
end);

describe("parse_plain", function ()
	it("splits authzid, username and password", function ()
		assert.same({ "", "alice", "pw" }, { sasl.parse_plain("\0alice\0pw") });
		assert.same({ "alice@coop.test", "alice", "pw" }, { sasl.parse_plain("alice@coop.test\0alice\0pw") });
	end);

	it("keeps extra NULs in the password, for validate() to refuse", function ()
		assert.same({ "", "alice", "pw\0more" }, { sasl.parse_plain("\0alice\0pw\0more") });
	end);

	it("returns nothing without two separators", function ()
		assert.is_nil(sasl.parse_plain("alice"));
		assert.is_nil(sasl.parse_plain("\0alice"));
	end);
end);

describe("result_for", function ()
	it("maps outcomes to SASL results", function ()
		assert.same({ "success" }, { sasl.result_for("accepted") });
		assert.same({ "failure", "not-authorized", sasl.TEXT_REJECTED }, { sasl.result_for("rejected") });
		assert.same({ "failure", "temporary-auth-failure", "Login service temporarily unavailable, try again shortly." },
			{ sasl.result_for("unavailable") });
		assert.same({ "failure", "temporary-auth-failure", sasl.TEXT_UNAVAILABLE }, { sasl.result_for(nil) });
	end);
end);

describe("the handler", function ()
	it("offers exactly PLAIN and selects nothing else", function ()
		local handler = sasl.new("coop.test", fake_check("accepted"));
		assert.same({ PLAIN = true }, handler:mechanisms());
		assert.is_nil(handler:select("SCRAM-SHA-1"));
		assert.truthy(handler:select("PLAIN"));
		assert.is_nil(handler:select("PLAIN")); -- only once, like util.sasl
	end);

	it("logs in an accepted user under the nodeprepped name", function ()
		local check, calls = fake_check("accepted");
		local handler = sasl.new("coop.test", check);
		handler:select("PLAIN");
		assert.same({ "success" }, { handler:process("\0Alice\0s3cret") });
		assert.equal("alice", handler.username);
		assert.same({ { username = "Alice", password = "s3cret" } }, calls);
	end);

	it("answers not-authorized for a rejected password", function ()
		local handler = sasl.new("coop.test", fake_check("rejected"));
		handler:select("PLAIN");
		local status, condition = handler:process("\0alice\0wrong");
		assert.equal("failure", status);
		assert.equal("not-authorized", condition);
	end);

	it("answers temporary-auth-failure when the component could not decide", function ()
		local handler = sasl.new("coop.test", fake_check("unavailable"));
		handler:select("PLAIN");
		assert.same({ "failure", "temporary-auth-failure", sasl.TEXT_UNAVAILABLE }, { handler:process("\0alice\0pw") });
	end);

	it("never succeeds without a username, whatever the checker says", function ()
		local handler = sasl.new("coop.test", function () return "accepted", nil; end);
		handler:select("PLAIN");
		assert.equal("temporary-auth-failure", select(2, handler:process("\0alice\0pw")));
	end);

	it("refuses malformed messages without asking", function ()
		local check, calls = fake_check("accepted");
		local handler = sasl.new("coop.test", check);
		handler:select("PLAIN");
		assert.equal("malformed-request", select(2, handler:process(nil)));
		assert.equal("malformed-request", select(2, handler:process("alice")));
		assert.same({}, calls);
	end);

	it("accepts the user's own bare JID as authzid and refuses any other", function ()
		local check, calls = fake_check("accepted");
		local handler = sasl.new("coop.test", check);
		handler:select("PLAIN");
		assert.equal("success", (handler:process("Alice@Coop.Test\0alice\0pw")));
		handler = handler:clean_clone();
		handler:select("PLAIN");
		assert.equal("invalid-authzid", select(2, handler:process("bob@coop.test\0alice\0pw")));
		handler = handler:clean_clone();
		handler:select("PLAIN");
		assert.equal("invalid-authzid", select(2, handler:process("alice@other.test\0alice\0pw")));
		assert.equal(1, #calls);
	end);

	it("clean_clone keeps the checker and forgets the selection", function ()
		local handler = sasl.new("coop.test", fake_check("rejected"));
		handler:select("PLAIN");
		handler:process("\0alice\0pw");
		local clone = handler:clean_clone();
		assert.is_nil(clone.selected);
		assert.is_nil(clone.username);
		assert.equal(handler.check, clone.check);
	end);
end);
