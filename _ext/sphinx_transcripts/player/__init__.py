"""An episode's audio or video: ``media`` (``:audio:``/``:video:``) and ``static/player.js``."""
