"""Documents for the instructor: a game's debrief (Markdown, HTML, JSON) and the class report.

Outside the screens' layer on purpose: a debrief carries the luck analysis and the what-if
games, which the batch engine and the scalar engine work out (``game.sim``), and the screens
may not import those. The app gets these documents through the tools it is handed at start
(``game.report.tools``), never by importing them.
"""
