"""The approval seal as it appears on a notice: a red ring, a five-pointed star, the seal's name
along the upper arc and "(电子印章)" underneath, slightly transparent so the signature lines under
it stay legible. It is a picture of the registered seal; the cryptographic signature (GB/T 38540)
belongs to the e-licence work, not to this drawing."""

from __future__ import annotations

import math

from reportlab.lib import colors

SEAL_RED = colors.Color(0.82, 0.08, 0.08)
FONT = "STSong-Light"


def _star(c, x: float, y: float, outer: float) -> None:
    inner = outer * 0.382
    path = c.beginPath()
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(90 + i * 36)
        px, py = x + radius * math.cos(angle), y + radius * math.sin(angle)
        if i == 0:
            path.moveTo(px, py)
        else:
            path.lineTo(px, py)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def draw_seal(c, x: float, y: float, radius: float, name: str) -> None:
    c.saveState()
    c.setStrokeColor(SEAL_RED)
    c.setFillColor(SEAL_RED)
    c.setStrokeAlpha(0.8)
    c.setFillAlpha(0.8)
    c.setLineWidth(radius * 0.06)
    c.circle(x, y, radius * 0.94, stroke=1, fill=0)
    _star(c, x, y, radius * 0.27)

    chars = list(name) or [" "]
    # Spread the name over at most 250° of the upper arc, reading clockwise from the left, with the
    # glyph size chosen so that neighbours do not touch: arc per glyph >= 1.05 × size at mid-glyph.
    step = min(250.0 / len(chars), 32.0)
    theta = math.radians(step)
    ring_inner = radius * 0.94 - radius * 0.03 - radius * 0.05
    size = min(radius * 0.26, ring_inner * theta / (1.05 + 0.45 * theta))
    baseline = ring_inner - size * 0.9
    span = step * (len(chars) - 1)
    for i, ch in enumerate(chars):
        angle = 90 + span / 2 - i * step
        rad = math.radians(angle)
        c.saveState()
        c.translate(x + baseline * math.cos(rad), y + baseline * math.sin(rad))
        c.rotate(angle - 90)
        c.setFont(FONT, size)
        c.drawCentredString(0, 0, ch)
        c.restoreState()

    c.setFont(FONT, radius * 0.15)
    c.drawCentredString(x, y - radius * 0.55, "（电子印章）")
    c.restoreState()
