-- Wire format of urn:warden:muc:1 (docs/protocol.md): requests, decisions, refusals, the offline rule, sync, affiliate.
local jid = require "util.jid";
local st = require "util.stanza";

local NS = "urn:warden:muc:1";
local UNAVAILABLE_TEXT = "The room policy service is unavailable; try again shortly.";

local ERROR_TYPES = { auth = true, cancel = true, continue = true, modify = true, wait = true };
-- XEP-0045 affiliations a decision or an <affiliate/> may give ("outcast" is a ban: never Warden's to give here).
local AFFILIATIONS = { owner = true, admin = true, member = true, none = true };
-- RFC 6120 8.3.3: a decision can only name a condition a client understands.
local CONDITIONS = {};
for condition in ([[bad-request conflict feature-not-implemented forbidden gone internal-server-error
	item-not-found jid-malformed not-acceptable not-allowed not-authorized policy-violation
	recipient-unavailable redirect registration-required remote-server-not-found remote-server-timeout
	resource-constraint service-unavailable subscription-required undefined-condition
	unexpected-request]]):gmatch("%S+") do
	CONDITIONS[condition] = true;
end

-- create, join (requests) and joined, left, destroyed (notifications) share one shape; `emptied` is destroyed's.
local function request(kind, attrs, from, to, id)
	return st.iq({ type = "set", id = id, from = from, to = to })
		:tag(kind, { xmlns = NS, room = attrs.room, occupant = attrs.occupant, nick = attrs.nick,
			emptied = attrs.emptied }):up();
end

-- What warden_muc_offline says when no decision could be had; `reason` is for the log.
local function offline(policy, reason)
	if policy == "allow" then
		return { allow = true, offline = reason };
	end
	return { allow = false, error_type = "wait", condition = "service-unavailable",
		text = UNAVAILABLE_TEXT, extra = {}, offline = reason };
end

local function is_own_text(child)
	return child.name == "text" and (child.attr.xmlns == nil or child.attr.xmlns == NS);
end

-- Reads the component's answer (or Prosody's bounce of it) into a decision.
local function from_reply(reply, policy)
	if reply.attr.type == "error" then
		local error_type, condition, text = reply:get_error();
		return offline(policy, ("%s/%s%s"):format(tostring(error_type), tostring(condition),
			text and (": " .. text) or ""));
	end
	local decision = reply:get_child("decision", NS);
	if not decision then
		return offline(policy, "result without <decision/>");
	end
	local allow = decision.attr.allow;
	if allow == "true" or allow == "1" then
		local affiliation = decision.attr.affiliation;
		if affiliation and not AFFILIATIONS[affiliation] then
			-- Still allowed: the joiner gets in with the affiliation Prosody would give; `bad` is for the log.
			return { allow = true, bad = ("affiliation=%q"):format(affiliation) };
		end
		return { allow = true, affiliation = affiliation, role = affiliation and decision.attr.role };
	elseif allow ~= "false" and allow ~= "0" then
		return offline(policy, ("<decision/> with allow=%q"):format(tostring(allow)));
	end
	local text, extra = nil, {};
	for _, child in ipairs(decision.tags) do
		if is_own_text(child) then
			text = child:get_text();
		else
			child = st.clone(child);
			-- Copied into <error/>, a child must keep its namespace rather than inherit jabber:client's.
			child.attr.xmlns = child.attr.xmlns or NS;
			extra[#extra + 1] = child;
		end
	end
	local error_type, condition = decision.attr["error-type"], decision.attr.condition;
	return {
		allow = false,
		error_type = ERROR_TYPES[error_type] and error_type or "cancel",
		condition = CONDITIONS[condition] and condition or "not-allowed",
		text = text ~= "" and text or nil,
		extra = extra,
	};
end

-- send_iq's rejections: timeout, eviction from its 256-entry cache, id conflict (util.error or a string).
local function from_failure(err, policy)
	local reason = type(err) == "table" and (err.condition or err.text) or err;
	return offline(policy, tostring(reason));
end

-- The presence error a refused creator or joiner gets: the decision's type, condition, text and extra children.
local function refusal(stanza, decision, by)
	local reply = st.error_reply(stanza, decision.error_type, decision.condition, decision.text, by);
	for _, child in ipairs(decision.extra or {}) do
		reply:add_child(st.clone(child));
	end
	return reply:reset();
end

-- The new in-room JID when muc-occupant-left was caused by a nick change: Prosody fires it then with
-- the changing session's available presence (a leave carries an unavailable one, a kick or ban none).
local function renamed_to(stanza)
	if stanza and stanza.name == "presence" and stanza.attr.type == nil then
		return stanza.attr.to;
	end
end

-- rooms: { { jid = room, occupants = { { jid = real full JID, nick = in-room JID, affiliation = ... }, ... } }, ... }
local function sync_reply(stanza, rooms)
	local reply = st.reply(stanza):tag("sync", { xmlns = NS });
	for _, room in ipairs(rooms) do
		reply:tag("room", { jid = room.jid });
		for _, occupant in ipairs(room.occupants) do
			reply:tag("occupant", { jid = occupant.jid, nick = occupant.nick, affiliation = occupant.affiliation }):up();
		end
		reply:up();
	end
	return reply:reset();
end

-- The component's <affiliate room jid affiliation/>: { room =, jid = (bare), affiliation = }; or nil and the
-- error type, condition and text to answer with.
local function parse_affiliate(stanza)
	local a = stanza:get_child("affiliate", NS);
	local room, who, affiliation = a and a.attr.room, a and a.attr.jid, a and a.attr.affiliation;
	local problem;
	if not (room and who and affiliation) then
		problem = "affiliate needs room, jid and affiliation";
	else
		room, who = jid.prep(room), jid.prep(who);
		if not room or not jid.node(room) or jid.resource(room) then
			problem = "room is not a room's bare JID";
		elseif not who or not jid.node(who) or jid.resource(who) then
			problem = "jid is not a bare user JID";
		elseif not AFFILIATIONS[affiliation] then
			problem = ("affiliation %q is not one of owner, admin, member, none"):format(affiliation);
		end
	end
	if problem then return nil, "modify", "bad-request", problem; end
	return { room = room, jid = who, affiliation = affiliation };
end

return {
	NS = NS;
	UNAVAILABLE_TEXT = UNAVAILABLE_TEXT;
	request = request;
	offline = offline;
	from_reply = from_reply;
	from_failure = from_failure;
	refusal = refusal;
	renamed_to = renamed_to;
	sync_reply = sync_reply;
	parse_affiliate = parse_affiliate;
};
