"""The browser client: the game served to a browser tab (textual-serve's protocol), with
the seat kept by the browser and app processes forked warm (``game.web.zygote``)."""
