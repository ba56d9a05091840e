-- Room policy on a MUC host: the Warden component decides every room creation and join (urn:warden:muc:1).
local async = require "util.async";
local new_id = require "util.id".medium;
local st = require "util.stanza";

local wire = module:require "warden_muc_wire";
local rooms = module:require "warden_muc_rooms";
local breakout_lib = module:require "warden_breakout";

local OFFLINE_POLICIES = { refuse = true, allow = true };
local NOTIFY_ID = "wmn-"; -- ids of notifications, whose answers are only logged

local options = module:require "warden_options";

local component = options.component_jid(module, "mod_warden_muc");
local timeout = options.timeout(module, "warden_muc_timeout", 3);
local offline_policy = module:get_option_string("warden_muc_offline", "refuse");

if not OFFLINE_POLICIES[offline_policy] then
	error(("mod_warden_muc: warden_muc_offline = %q, expected \"refuse\" or \"allow\""):format(offline_policy), 0);
end

-- The MUC service this module sits on; only its public functions (get_room_from_jid, all_rooms) are used.
local mod_muc = module:depends("muc");
-- The component's breakout-room requests, and telling an emptied room from a destroyed one.
local breakout = breakout_lib.init(module, mod_muc, component);

local function ask(kind, attrs)
	local iq = wire.request(kind, attrs, module.host, component, "wm-" .. new_id());
	return module:send_iq(iq, nil, timeout):next(function (event)
		return wire.from_reply(event.stanza, offline_policy);
	end, function (err)
		return wire.from_failure(err, offline_policy);
	end):next(function (decision)
		if decision.offline then
			module:log("warn", "No %s decision for %s from %s (%s); warden_muc_offline = %s",
				kind, attrs.nick or attrs.room, component, decision.offline, offline_policy);
		end
		return decision;
	end);
end

-- Asks each { kind, attrs } in turn until one refuses; resolves with { [kind] = decision }.
local function ask_in_turn(asks)
	local decisions = {};
	local function from(i)
		local kind = asks[i][1];
		return ask(kind, asks[i][2]):next(function (decision)
			decisions[kind] = decision;
			if decision.allow and asks[i + 1] then
				return from(i + 1);
			end
			return decisions;
		end);
	end
	return from(1);
end

-- stanza -> decisions it is being replayed with (weak: a dropped stanza takes its decisions along).
local replays = setmetatable({}, { __mode = "k" });

local function take(stanza, kind)
	local decisions = replays[stanza];
	local decision = decisions and decisions[kind];
	if decision then
		decisions[kind] = nil;
	end
	return decision;
end

-- Hands the presence to the MUC again, so Prosody re-checks it against the room as it is now.
local function replay(event, decisions)
	if event.origin.destroyed then return true; end -- the client left while we waited
	replays[event.stanza] = decisions;
	module:fire_event("presence/full", { origin = event.origin, stanza = event.stanza });
	return true;
end

-- Every decision `asks` would have had, had the asking itself not failed.
local function failed(asks, err)
	module:log("error", "Asking %s for %s failed: %s", component, asks[1][1], err);
	local decisions = {};
	for _, a in ipairs(asks) do
		decisions[a[1]] = wire.offline(offline_policy, "internal error");
	end
	return decisions;
end

-- Client (c2s, BOSH, websocket) and s2s stanzas are handled in the session's async runner: wait there,
-- other sessions go on being served. Component and module-sent stanzas are not: nothing may block, so
-- return nil now and replay the presence once the decisions arrive.
local function obtain(event, asks)
	local p = ask_in_turn(asks);
	if async.ready() then
		local decisions, err = async.wait_for(p);
		return decisions or failed(asks, err);
	end
	p:next(function (decisions)
		replay(event, decisions);
	end, function (err)
		replay(event, failed(asks, err));
	end);
	return nil;
end

local function refuse(event, decision, by)
	event.origin.send(wire.refusal(event.stanza, decision, by));
	return true;
end

-- Moderator rules: the decision's affiliation; true when Prosody must build the joiner's occupant again.
local function apply(room, stanza, decision, occupant)
	local rebuild, err = rooms.apply(room, stanza.attr.from, decision, occupant);
	if err then module:log("warn", "%s", err); end
	return rebuild;
end

-- Notifications: fire and forget; the component's next sync corrects anything lost.
local function notify(kind, attrs)
	module:send(wire.request(kind, attrs, module.host, component, NOTIFY_ID .. new_id()));
end

-- Before the room exists, so a refused creator never owns a locked room. The creator's join is asked
-- here too: a room whose creator may not enter must not be created either.
module:hook("muc-room-pre-create", function (event)
	local stanza, room = event.stanza, event.room;
	local decisions = replays[stanza];
	if not (decisions and decisions.create) then
		decisions = obtain(event, {
			{ "create", { room = room.jid, occupant = stanza.attr.from } },
			{ "join", { room = room.jid, occupant = stanza.attr.from, nick = stanza.attr.to } },
		});
		if not decisions or event.origin.destroyed then return true; end
	end
	local create, join = decisions.create, decisions.join;
	if not create.allow then return refuse(event, create, module.host); end
	if not join.allow then return refuse(event, join, room.jid); end
	if mod_muc.get_room_from_jid(room.jid) then
		-- Another creator won while we waited: join their room. If Prosody turns the join away before
		-- our pre-join hook takes the decision (their new room stays locked until they configure it),
		-- give the seat back now instead of holding it for warden.muc.reservation-timeout.
		replay(event, { join = join });
		if take(stanza, "join") then
			notify("left", { room = room.jid, occupant = stanza.attr.from, nick = stanza.attr.to });
		end
		return true;
	end
	replays[stanza] = { join = join }; -- for this creator's muc-occupant-pre-join
	apply(room, stanza, join); -- before Prosody builds the creator's occupant (it has just made them owner)
end, -100); -- after restrict_room_creation (0) and the other checks, before mod_muc tracks the room (-1000)

module:hook("muc-occupant-pre-join", function (event)
	local stanza, room, occupant = event.stanza, event.room, event.occupant;
	local join = take(stanza, "join");
	if not join then
		-- A further session of an occupant already in the room takes no seat.
		if not event.is_first_session then return; end
		local decisions = obtain(event, {
			{ "join", { room = room.jid, occupant = stanza.attr.from, nick = occupant.nick } },
		});
		if not decisions or event.origin.destroyed then return true; end
		join = decisions.join;
		if join.allow and (mod_muc.get_room_from_jid(room.jid) ~= room or room:get_occupant_by_nick(occupant.nick)) then
			return replay(event, { join = join }); -- room destroyed or nick taken while we waited
		end
	end
	if not join.allow then return refuse(event, join, room.jid); end
	-- The affiliation goes on before the join completes, so the joiner's own presence and everyone else's
	-- show it. An occupant Prosody built with the old affiliation's role is built again, once.
	if apply(room, stanza, join, not event.is_new_room and occupant or nil) and not join.rebuilt then
		join.rebuilt = true;
		return replay(event, { join = join });
	end
end, -100); -- after Prosody's nick, members-only, ban (-10), password (-20) and lock (-30) checks

module:hook("iq/host", function (event)
	local stanza = event.stanza;
	local id, type = stanza.attr.id, stanza.attr.type;
	if (type == "result" or type == "error") and stanza.attr.from == component
	and id and id:sub(1, #NOTIFY_ID) == NOTIFY_ID then
		if type == "error" then
			local _, condition, text = stanza:get_error();
			module:log("debug", "Notification %s not taken by %s: %s (%s)", id, component, condition, text);
		end
		return true;
	end
end, 1); -- before mod_iq (0), which would look for a send_iq waiting on that id

module:hook("muc-occupant-joined", function (event)
	notify("joined", { room = event.room.jid, occupant = event.stanza.attr.from, nick = event.nick });
end, 0);

-- Fired for a leave, a kick, a ban, a dropped session, a room destruction and a nick change.
module:hook("muc-occupant-left", function (event)
	local room = event.room;
	local new_nick = wire.renamed_to(event.stanza);
	-- A nick change keeps its seat (the component holds seats by occupant), unless the session moves
	-- into a nick its user already holds from another client: then one occupant is gone.
	if new_nick and not room:get_occupant_by_nick(new_nick) then return; end
	-- The leaving session; a kick, ban or destruction has no stanza, and then the occupant's primary one.
	local session = event.stanza and event.stanza.attr.from or event.occupant.jid;
	notify("left", { room = room.jid, occupant = session, nick = event.nick });
end, 1); -- before mod_muc destroys an emptied room (-1): `left` goes out before `destroyed`

module:hook("muc-room-destroyed", function (event)
	notify("destroyed", { room = event.room.jid, emptied = breakout.emptied(event.room) });
end, 1); -- before mod_muc's tombstone handler (-10), which ends the event for persistent rooms

module:hook("iq-get/host/" .. wire.NS .. ":sync", function (event)
	local origin, stanza = event.origin, event.stanza;
	if stanza.attr.from ~= component then
		origin.send(st.error_reply(stanza, "cancel", "forbidden", nil, module.host));
		return true;
	end
	origin.send(wire.sync_reply(stanza, rooms.snapshot(mod_muc)));
	return true;
end, 0);

-- The component changes an affiliation (a first-member-owns hand-over); only it may.
module:hook("iq-set/host/" .. wire.NS .. ":affiliate", function (event)
	local origin, stanza = event.origin, event.stanza;
	local request, error_type, condition, text = wire.parse_affiliate(stanza);
	if stanza.attr.from ~= component then
		error_type, condition, text = "cancel", "forbidden", nil;
	elseif request then
		error_type, condition, text = rooms.affiliate(mod_muc, request);
	end
	origin.send(error_type and st.error_reply(stanza, error_type, condition, text, module.host) or st.reply(stanza));
	return true;
end, 0);
