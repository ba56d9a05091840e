-- Options every Warden module reads the same way, checked when the module loads.
local jid = require "util.jid";

local TIMEOUT_MIN, TIMEOUT_MAX = 0.5, 60;

-- The Warden component's JID (warden_component): required, a bare domain.
local function component_jid(mod, module_name)
	local component = mod:get_option_string("warden_component");
	if not component then
		error(("%s: option warden_component is not set; set it to the JID of the Warden "
			.. "component, e.g. warden_component = \"warden.%s\""):format(module_name, mod.host or "example.org"), 0);
	end
	local prepped = jid.prep(component);
	if not prepped or jid.node(prepped) or jid.resource(prepped) then
		error(("%s: warden_component = %q is not a bare domain JID"):format(module_name, component), 0);
	end
	return prepped;
end

-- A timeout in seconds; a value outside 0.5..60 is clamped, with an error in the log.
local function timeout(mod, option, default)
	local value = mod:get_option_number(option, default) or default;
	if value < TIMEOUT_MIN or value > TIMEOUT_MAX then
		local clamped = math.min(math.max(value, TIMEOUT_MIN), TIMEOUT_MAX);
		mod:log("error", "%s = %s is outside %s..%s seconds, using %s",
			option, value, TIMEOUT_MIN, TIMEOUT_MAX, clamped);
		return clamped;
	end
	return value;
end

return { component_jid = component_jid, timeout = timeout };
