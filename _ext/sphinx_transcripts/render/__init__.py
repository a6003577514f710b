"""Where each builder renders the dialogue nodes.

``html`` (html, dirhtml, singlehtml, epub; ``static/`` its CSS and JS),
``latex`` (``texinputs/transcripts.sty``), ``text`` (text, man, texinfo) and
``singlehtml`` (working links and unique ids on the single page);
``landmarks`` names furo's two ``<aside>`` landmarks (``templates/``).
"""
