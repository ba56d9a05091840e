-- luacheck settings for Warden's Prosody modules and their busted specs.
std = "min" -- run on any Lua that Prosody 0.12 supports (5.1 to 5.4)
max_line_length = 120

-- Prosody runs each mod_*.lua in an environment that provides these.
files["mod_*.lua"] = {
	read_globals = { "module", "prosody" };
}

files["spec/"] = {
	std = "lua54+busted"; -- the specs run on Lua 5.4 (see .busted)
}
