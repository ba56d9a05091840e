-- Auth provider (authentication = "warden"): every password check is asked of the Warden component.
local async = require "util.async";
local new_id = require "util.id".medium;
local time_now = require "util.time".now;
local nodeprep = require "util.encodings".stringprep.nodeprep;

local wire = module:require "auth_warden_wire";
local sasl = module:require "auth_warden_sasl";
local revoke = module:require "auth_warden_revoke";

local options = module:require "warden_options";

local component = options.component_jid(module, "mod_auth_warden");
local timeout = options.timeout(module, "warden_auth_timeout", 5);

local host = module.host;

-- Conditions that mean Prosody or Warden is misconfigured rather than busy or down.
local config_errors = {
	forbidden = "Warden does not accept checks from this host: add it to warden.auth.hosts";
	["bad-request"] = "Warden refused the check as malformed: plugin and component disagree on the protocol";
	["service-unavailable"] = "Nothing at warden_component answers " .. wire.NS .. ": is it the Warden component?";
	["feature-not-implemented"] = "Nothing at warden_component answers " .. wire.NS .. ": is it the Warden component?";
};

-- Asks the component. Returns outcome, detail (for the log) and a configuration hint.
local function ask(username, password, ip)
	if not async.ready() then
		return "unavailable", "called outside an async context",
			"the caller of test_password must run in a session thread (util.async)";
	end
	local target = prosody.hosts[component];
	if not (target and target.type == "component") then
		-- Never route a password anywhere but a component of this very server (e.g. via s2s).
		return "unavailable", "warden_component is not a Component on this server",
			("add Component %q with component_secret to the Prosody config"):format(component);
	end
	local iq = wire.build_check(host, component, new_id(), username, password, ip);
	local reply, err = async.wait_for(module:send_iq(iq, nil, timeout));
	local outcome, detail, condition;
	if reply then
		outcome, detail, condition = wire.outcome_of_reply(reply.stanza);
	else
		outcome, detail, condition = wire.outcome_of_error(err);
	end
	return outcome, detail, config_errors[condition];
end

-- The one place a check happens: validation, the component, one log line.
local function check(raw_username, password, ip)
	local started = time_now();
	local username, invalid = sasl.validate(raw_username, password);
	local outcome, detail, hint;
	if username then
		outcome, detail, hint = ask(username, password, ip);
	else
		outcome, detail = "rejected", invalid .. ", component not asked";
	end
	local shown_user = username or (type(raw_username) == "string" and raw_username:sub(1, 64)) or "?";
	module:log("info", "Password check for %s from %s: %s%s (%d ms)", shown_user, ip or "-", outcome,
		detail and (" (" .. detail .. ")") or "", math.floor((time_now() - started) * 1000 + 0.5));
	if hint then
		module:log("error", "Password checks cannot succeed: %s", hint);
	end
	return outcome, username;
end

local provider = {};

function provider.get_sasl_handler(session)
	-- util.sasl's profiles never see the session; ours captures the client's IP here.
	local ip = session and session.ip;
	return sasl.new(host, function (username, password)
		local outcome, user = check(username, password, ip);
		if outcome == "accepted" and session then
			session.warden_auth_at = time_now(); -- a revocation that comes later ends this session
		end
		return outcome, user;
	end);
end

function provider.test_password(username, password)
	local outcome = check(username, password, nil);
	if outcome == "accepted" then
		return true;
	elseif outcome == "rejected" then
		return nil, "Auth failed. Invalid username or password.";
	end
	return nil, sasl.TEXT_UNAVAILABLE;
end

-- Kerberos principals cannot be enumerated from here, and answering "no" would make
-- Prosody bounce messages and presence for real members who have not logged in yet.
function provider.user_exists(username)
	return type(username) == "string" and username ~= "" and nodeprep(username) ~= nil;
end

function provider.users()
	return function () return nil; end;
end

local NOT_HERE = "Not supported: Warden accounts live in Kerberos; manage them there (kadmin, kpasswd).";

function provider.get_password()
	return nil, "Not supported: passwords are checked by Warden and never known to Prosody.";
end

function provider.set_password()
	return nil, NOT_HERE;
end

function provider.create_user()
	return nil, NOT_HERE;
end

function provider.delete_user()
	return nil, NOT_HERE;
end

-- Warden re-checks logins it answered from its cache; when the backend now refuses the
-- password, it asks us to end that member's sessions (docs/protocol.md, revoke).
local revocation = revoke.new(component, function (username)
	local this_host = prosody.hosts[host];
	return this_host and this_host.sessions and this_host.sessions[username];
end, time_now);

module:hook("iq-set/host/" .. wire.NS .. ":revoke", function (event)
	local reply, username, ended = revocation.handle(event.stanza);
	if username then
		module:log("info", "Ended %d session(s) of %s: Warden says the backend now refuses their password",
			ended, username);
	else
		module:log("warn", "Refused a revoke from %s", tostring(event.stanza.attr.from));
	end
	event.origin.send(reply);
	return true;
end);

module:hook("resource-bind", function (event)
	if revocation.on_bind(event.session) then
		module:log("info", "Ended a session of %s that was binding when its password was revoked",
			tostring(event.session.username));
	end
end);

-- Listed in the host's disco#info: Warden checks for it after connecting, and so does `warden config check`.
module:add_feature(wire.NS);

module:log("debug", "Delegating password checks to %s (timeout %ss)", component, timeout);
module:provides("auth", provider);
