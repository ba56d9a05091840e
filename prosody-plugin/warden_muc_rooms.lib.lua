-- What mod_warden_muc does to rooms, through Prosody's public MUC API only: affiliations and the sync snapshot.
local jid = require "util.jid";

-- Gives the decision's affiliation to the joiner's bare JID (room:set_affiliation, actor true: Warden is
-- not an occupant). Prosody derives the role from it (owner -> moderator, member/none -> participant).
-- `occupant` is the occupant Prosody already built for this join, or nil when it is built afterwards
-- (a creator). Returns true when that occupant was built with the old affiliation's role and must be
-- built again; and an error text for the log when the decision or Prosody refused the change.
local function apply(room, real_jid, decision, occupant)
	local affiliation = decision.affiliation;
	if decision.bad then
		return false, ("Join decision for %s in %s had an unusable %s; Prosody's default applies"):format(
			real_jid, room.jid, decision.bad);
	end
	if not affiliation then return false; end
	local bare = jid.bare(real_jid);
	if (room:get_affiliation(bare) or "none") ~= affiliation then
		local ok, err_type, condition = room:set_affiliation(true, bare, affiliation);
		if not ok then
			return nil, ("Could not make %s %s of %s: %s/%s"):format(bare, affiliation, room.jid,
				tostring(err_type), tostring(condition));
		end
	end
	return occupant ~= nil and occupant.role ~= room:get_default_role(room:get_affiliation(bare));
end

-- The component's <affiliate/> (a first-member-owns hand-over, or an admin's rule change), as parsed by
-- warden_muc_wire. Returns nothing when done, else error type, condition and text for the error reply.
local function affiliate(mod_muc, request)
	local room = mod_muc.get_room_from_jid(request.room);
	if not room then return "cancel", "item-not-found", "No such room"; end
	local ok, err_type, condition = room:set_affiliation(true, request.jid, request.affiliation);
	if not ok then return err_type or "cancel", condition or "not-allowed", nil; end
end

-- Rooms with at least one occupant; one entry per occupant (in-room nick), with its primary session and its
-- affiliation (so a restarted component knows who owns). all_rooms, not live_rooms: Prosody 0.12 saves rooms
-- with their occupants at shutdown and when it evicts them from memory, and brings those occupants back when
-- the room is next used.
local function snapshot(mod_muc)
	local rooms = {};
	for room in mod_muc.all_rooms() do
		local occupants = {};
		for nick, occupant in room:each_occupant() do
			occupants[#occupants + 1] = { jid = occupant.jid, nick = nick,
				affiliation = room:get_affiliation(occupant.bare_jid) or "none" };
		end
		if occupants[1] then
			rooms[#rooms + 1] = { jid = room.jid, occupants = occupants };
		end
	end
	return rooms;
end

return {
	apply = apply;
	affiliate = affiliate;
	snapshot = snapshot;
};
