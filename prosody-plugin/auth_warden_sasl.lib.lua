-- SASL handler offering exactly PLAIN whose failures can say "try again later", which
-- util.sasl's PLAIN cannot (it turns every failed plain_test into not-authorized).
local encodings = require "util.encodings";
local jid_prep = require "util.jid".prep;

local nodeprep = encodings.stringprep.nodeprep;
local utf8_valid = encodings.utf8.valid;

local MAX_FIELD_BYTES = 255;

local TEXT_REJECTED = "Unable to authorize you with the authentication credentials you've sent.";
local TEXT_UNAVAILABLE = "Login service temporarily unavailable, try again shortly.";
local TEXT_MALFORMED = "Expected a PLAIN message: [authzid] NUL username NUL password.";
local TEXT_AUTHZID = "You can only log in as yourself.";

local results = {
	accepted = { "success" };
	rejected = { "failure", "not-authorized", TEXT_REJECTED };
	unavailable = { "failure", "temporary-auth-failure", TEXT_UNAVAILABLE };
};

-- Maps an outcome to what handler:process() returns; anything unknown is "unavailable".
local function result_for(outcome)
	local r = results[outcome] or results.unavailable;
	return r[1], r[2], r[3];
end

-- Checks what we can without the component. Returns the nodeprepped username, or nil and a
-- reason for the log (never for the client). The password is not SASLprepped: Kerberos
-- compares the bytes the user typed, as Cyrus SASL's own PLAIN does.
local function validate(username, password)
	if type(username) ~= "string" or username == "" then return nil, "empty username"; end
	if type(password) ~= "string" or password == "" then return nil, "empty password"; end
	if #username > MAX_FIELD_BYTES then return nil, "username over 255 bytes"; end
	if #password > MAX_FIELD_BYTES then return nil, "password over 255 bytes"; end
	if username:find("\0", 1, true) then return nil, "NUL byte in username"; end
	if password:find("\0", 1, true) then return nil, "NUL byte in password"; end
	if not utf8_valid(password) then return nil, "password is not UTF-8"; end
	local prepped = nodeprep(username);
	if not prepped or prepped == "" then return nil, "username fails nodeprep"; end
	if #prepped > MAX_FIELD_BYTES then return nil, "username over 255 bytes"; end
	return prepped;
end

-- RFC 4616: [authzid] NUL authcid NUL passwd. Extra NULs stay in the password, where
-- validate() refuses them. Returns nil for a message without two separators.
local function parse_plain(message)
	return message:match("^([^%z]*)%z([^%z]*)%z(.*)$");
end

local handler_methods = {};
local handler_mt = { __index = handler_methods };

-- check(username, password) is called in the session's async thread and returns an outcome
-- ("accepted", "rejected", "unavailable") and the nodeprepped username.
local function new(host, check)
	return setmetatable({ host = host, check = check }, handler_mt);
end

function handler_methods:clean_clone()
	return new(self.host, self.check);
end

function handler_methods:mechanisms() -- luacheck: ignore 212/self
	-- mod_saslauth drops PLAIN on unencrypted sessions unless allow_unencrypted_plain_auth.
	return { PLAIN = true };
end

function handler_methods:select(mechanism)
	if not self.selected and mechanism == "PLAIN" then
		self.selected = mechanism;
		return true;
	end
end

function handler_methods:process(message)
	if not message then
		return "failure", "malformed-request", TEXT_MALFORMED;
	end
	local authzid, authcid, password = parse_plain(message);
	if not authzid then
		return "failure", "malformed-request", TEXT_MALFORMED;
	end
	if authzid ~= "" then
		-- Clients such as strophe.js send their own bare JID; anything else is someone else.
		local node = nodeprep(authcid);
		if not node or jid_prep(authzid) ~= node .. "@" .. self.host then
			return "failure", "invalid-authzid", TEXT_AUTHZID;
		end
	end
	local outcome, username = self.check(authcid, password);
	-- Set on failure too: mod_log_auth and friends read it from the failure event.
	self.username = username;
	if outcome == "accepted" and not username then
		outcome = "unavailable"; -- a checker bug must never log anyone in as nobody
	end
	return result_for(outcome);
end

return {
	new = new;
	validate = validate;
	parse_plain = parse_plain;
	result_for = result_for;
	TEXT_REJECTED = TEXT_REJECTED;
	TEXT_UNAVAILABLE = TEXT_UNAVAILABLE;
};
