-- Ends a member's sessions when Warden finds the backend now refuses their password (urn:warden:auth:1 revoke).
local st = require "util.stanza";
local nodeprep = require "util.encodings".stringprep.nodeprep;

local NS = "urn:warden:auth:1";
local TEXT = "Your password was changed or your account was disabled; log in again.";
-- A session authenticates, then binds a resource a few round trips later; only then is it in
-- the host's sessions table. A revocation is remembered this long for sessions still binding.
local REMEMBER = 60;

-- component: the Warden component's JID, the only sender obeyed.
-- user_sessions(username): that user's table in hosts[host].sessions, or nil.
-- now(): the current time in seconds.
local function new(component, user_sessions, now)
	local revoked = {}; -- username -> when the last revocation came
	local self = {};

	local function close(session)
		session:close({ condition = "not-authorized", text = TEXT });
	end

	local function forget_old(t)
		for user, at in pairs(revoked) do
			if t - at > REMEMBER then revoked[user] = nil; end
		end
	end

	-- Returns the answer to send, and the username and number of sessions ended (nil when refused).
	function self.handle(stanza)
		if stanza.attr.from ~= component then
			return st.error_reply(stanza, "cancel", "forbidden", "Only the Warden component may end sessions.");
		end
		local revoke = stanza:get_child("revoke", NS);
		local username = revoke and revoke:get_child_text("username");
		if type(username) ~= "string" or username == "" or #username > 255 or nodeprep(username) ~= username then
			return st.error_reply(stanza, "modify", "bad-request", "Expected <username/> holding a nodeprepped localpart.");
		end
		local t = now();
		forget_old(t);
		revoked[username] = t;
		local doomed = {};
		local user = user_sessions(username);
		for _, session in pairs(user and user.sessions or {}) do
			doomed[#doomed + 1] = session; -- closing a session removes it from the table being walked
		end
		for _, session in ipairs(doomed) do
			close(session);
		end
		return st.reply(stanza):tag("revoked", { xmlns = NS, sessions = tostring(#doomed) }):up(), username, #doomed;
	end

	-- For resource-bind: closes a session that authenticated (warden_auth_at) no later than a
	-- revocation of its user that came while it was still binding. Returns true if it did.
	function self.on_bind(session)
		local at = session.username and revoked[session.username];
		if at and (session.warden_auth_at or 0) <= at and now() - at <= REMEMBER then
			close(session);
			return true;
		end
		return false;
	end

	return self;
end

return {
	new = new;
	TEXT = TEXT;
};
