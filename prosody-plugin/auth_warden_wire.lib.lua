-- Wire format of urn:warden:auth:1 (docs/protocol.md): the check IQ and how its answer reads.
local st = require "util.stanza";
local base64_encode = require "util.encodings".base64.encode;

local NS = "urn:warden:auth:1";

local known_outcomes = { accepted = true, rejected = true, unavailable = true };

-- The password travels base64-encoded so that any byte survives XML.
local function build_check(from, to, id, username, password, ip)
	local iq = st.iq({ type = "get", from = from, to = to, id = id })
		:tag("check", { xmlns = NS })
			:text_tag("username", username)
			:text_tag("password", base64_encode(password));
	if ip and ip ~= "" then
		iq:text_tag("ip", ip);
	end
	return iq:reset();
end

-- An error stanza or util.error object becomes "unavailable": the component could not
-- decide, whatever the reason. The detail is for the log only.
local function outcome_of_error(err)
	if type(err) ~= "table" then
		return "unavailable", tostring(err or "unknown error");
	end
	local detail = (err.type or "?") .. "/" .. (err.condition or "undefined-condition");
	if err.text and err.text ~= "" then
		detail = detail .. ": " .. err.text;
	end
	return "unavailable", detail, err.condition;
end

-- Prosody's send_iq resolves (not rejects) when the bounce comes straight back to our own
-- origin, e.g. the "Component unavailable" bounce of an offline component; so check the type.
local function outcome_of_reply(stanza)
	if stanza.attr.type == "error" then
		local err_type, condition, text = stanza:get_error();
		return outcome_of_error({ type = err_type, condition = condition, text = text });
	end
	if stanza.attr.type ~= "result" then
		return "unavailable", "answer of type " .. tostring(stanza.attr.type);
	end
	local outcome = stanza:get_child("outcome", NS);
	local value = outcome and outcome.attr.value;
	if known_outcomes[value] then
		return value;
	end
	return "unavailable", "malformed answer: no known <outcome/> in " .. NS;
end

return {
	NS = NS;
	build_check = build_check;
	outcome_of_reply = outcome_of_reply;
	outcome_of_error = outcome_of_error;
};
