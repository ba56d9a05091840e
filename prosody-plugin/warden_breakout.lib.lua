-- Breakout rooms on a MUC host: the component's create-room, rename-room and destroy-room (urn:warden:breakout:1).
local st = require "util.stanza";
local jid = require "util.jid";

local NS = "urn:warden:breakout:1";

-- Only mod_muc's public functions (get_room_from_jid, create_room) and the room's public methods are used.
local function init(module, mod_muc, component)
	-- Rooms that room:destroy() is destroying (an owner, or the component). A room Prosody removes because
	-- its last occupant left goes without room:destroy(), and so is "emptied". Weak: a room takes its mark along.
	local destroying = setmetatable({}, { __mode = "k" });

	module:hook("muc-pre-room-destroy", function (event)
		if event.allowed ~= false then destroying[event.room] = true; end
	end, -1000); -- last, so a module that vetoes the destruction runs first

	-- The component asks; errors carry no detail it could not have known.
	local function handle(kind, act)
		module:hook("iq-set/host/" .. NS .. ":" .. kind, function (event)
			local origin, stanza = event.origin, event.stanza;
			if stanza.attr.from ~= component then
				origin.send(st.error_reply(stanza, "cancel", "forbidden", nil, module.host));
				return true;
			end
			local request = stanza.tags[1];
			local room_jid = request.attr.room and jid.prep(request.attr.room);
			if not room_jid or not jid.node(room_jid) or jid.resource(room_jid) or jid.host(room_jid) ~= module.host then
				origin.send(st.error_reply(stanza, "modify", "bad-request", "room is not a room on " .. module.host,
					module.host));
				return true;
			end
			local ok, error_type, condition, text = act(room_jid, request.attr);
			if ok then
				origin.send(st.reply(stanza));
			else
				module:log("warn", "%s %s for %s failed: %s", kind, room_jid, component, text or condition);
				origin.send(st.error_reply(stanza, error_type, condition, text, module.host));
			end
			return true;
		end, 0);
	end

	-- Idempotent: makes sure the room exists (after a restart Prosody may have lost it) with this name.
	-- Persistent, so it stays while empty and across restarts until the component destroys it.
	handle("create-room", function (room_jid, attr)
		local room = mod_muc.get_room_from_jid(room_jid);
		if not room then
			local err;
			room, err = mod_muc.create_room(room_jid);
			if not room then
				return nil, "wait", "resource-constraint", "cannot create the room: " .. tostring(err);
			end
			module:log("info", "Created breakout room %s for %s", room_jid, component);
		end
		room:set_persistent(true);
		room:set_name(attr.name or "");
		room:save(true);
		return true;
	end);

	handle("rename-room", function (room_jid, attr)
		local room = mod_muc.get_room_from_jid(room_jid);
		if not room then return nil, "cancel", "item-not-found"; end
		room:set_name(attr.name or "");
		room:save(true);
		return true;
	end);

	-- Occupants get the reason and the alternate (the main room) in the destroy presence (XEP-0045 10.9).
	handle("destroy-room", function (room_jid, attr)
		local room = mod_muc.get_room_from_jid(room_jid);
		if not room then return nil, "cancel", "item-not-found"; end
		room:set_persistent(false); -- no tombstone: the component turns the JID away itself
		room:destroy(attr.alternate and jid.prep(attr.alternate) or nil, attr.reason);
		module:log("info", "Destroyed breakout room %s for %s", room_jid, component);
		return true;
	end);

	return {
		-- "true" when Prosody removed the room because it emptied, nil when room:destroy() did.
		emptied = function (room)
			if not destroying[room] then return "true"; end
		end;
	};
end

return { NS = NS, init = init };
