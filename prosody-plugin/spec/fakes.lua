-- Small fakes of Prosody's module API for loading mod_auth_warden.lua outside Prosody.
local format = require "util.format".format;
local async = require "util.async";

local fakes = {};

-- options: config values; answer(stanza, timeout): returns the promise send_iq would.
function fakes.module(options, answer)
	local m = { host = "coop.test", name = "auth_warden", logs = {}, sent = {}, hooks = {} };
	function m:get_option_string(name, default) -- luacheck: ignore 212/self
		local v = options[name];
		if v == nil then v = default; end
		return v ~= nil and tostring(v) or nil;
	end
	function m:get_option_number(name, default) -- luacheck: ignore 212/self
		local v = options[name];
		if v == nil then v = default; end
		return tonumber(v);
	end
	function m:require(lib) -- luacheck: ignore 212/self
		return dofile(lib .. ".lib.lua");
	end
	function m:log(level, fmt, ...)
		self.logs[#self.logs + 1] = { level = level, text = format(fmt, ...) };
	end
	function m:hook(name, handler)
		self.hooks[name] = handler;
	end
	function m:provides(kind, item)
		self.provided = { kind = kind, item = item };
	end
	function m:add_feature(var)
		self.features = self.features or {};
		self.features[#self.features + 1] = var;
	end
	function m:send_iq(stanza, origin, timeout)
		self.sent[#self.sent + 1] = { stanza = stanza, origin = origin, timeout = timeout };
		return answer(stanza, timeout);
	end
	return m;
end

-- Loads mod_auth_warden.lua with the fake module; returns the provider or the load error.
function fakes.load(m, hosts)
	local env = setmetatable({ module = m, prosody = { hosts = hosts } }, { __index = _G });
	local chunk = assert(loadfile("mod_auth_warden.lua", "t", env));
	local ok, err = pcall(chunk);
	if not ok then return nil, err; end
	return m.provided and m.provided.item;
end

-- A c2s session of a user on coop.test, registered in hosts (as Prosody's sessionmanager does once
-- a resource is bound); close() records its reason and unregisters it.
function fakes.session(hosts, username, resource)
	local host = hosts["coop.test"] or { sessions = {} };
	hosts["coop.test"] = host;
	local user = host.sessions[username] or { sessions = {} };
	host.sessions[username] = user;
	local session = { username = username, host = "coop.test", resource = resource };
	function session:close(reason)
		self.closed = reason;
		if self.resource then user.sessions[self.resource] = nil; end
	end
	if resource then user.sessions[resource] = session; end
	return session;
end

-- Runs f in an async runner, as Prosody runs each session's stanzas.
function fakes.in_thread(f)
	local result = { done = false };
	local runner = async.runner(function ()
		result.values = table.pack(f());
		result.done = true;
	end);
	runner:run(true);
	return result, runner;
end

return fakes;
