#!/usr/bin/env python3
"""Draws icons/source.png (1024x1024): a mesh of partners ("maillage") on a teal rounded square.
Pure Python, no imaging library; `npx tauri icon icons/source.png -o icons` makes the icon set."""
import math, struct, sys, zlib

N = 1024
bg, fg = (15, 118, 110), (255, 255, 255)
px = [[(0, 0, 0, 0)] * N for _ in range(N)]

def blend(x, y, col, a):
    if 0 <= x < N and 0 <= y < N and a > 0:
        r, g, b, al = px[y][x]
        na = a + al / 255 * (1 - a)
        if na == 0:
            return
        mix = lambda c0, c1: round((c1 * a + c0 * (al / 255) * (1 - a)) / na)
        px[y][x] = (mix(r, col[0]), mix(g, col[1]), mix(b, col[2]), round(na * 255))

# rounded square
R, M = 200, 40
for y in range(N):
    for x in range(N):
        cx = min(max(x, M + R), N - M - R); cy = min(max(y, M + R), N - M - R)
        d = math.hypot(x - cx, y - cy) - R
        blend(x, y, bg, min(1, max(0, 0.5 - d)))

nodes = [(512, 260), (300, 420), (724, 420), (380, 700), (644, 700), (512, 500), (200, 640), (824, 640)]
edges = [(0, 1), (0, 2), (1, 5), (2, 5), (1, 3), (2, 4), (3, 5), (4, 5), (3, 4), (1, 6), (6, 3), (2, 7), (7, 4), (0, 5)]

def segment(p, q, w):
    (x0, y0), (x1, y1) = p, q
    for y in range(int(min(y0, y1) - w - 2), int(max(y0, y1) + w + 2)):
        for x in range(int(min(x0, x1) - w - 2), int(max(x0, x1) + w + 2)):
            dx, dy = x1 - x0, y1 - y0
            t = max(0, min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)))
            d = math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)) - w / 2
            blend(x, y, fg, min(1, max(0, 0.5 - d)) * 0.85)

def disc(c, r):
    for y in range(c[1] - r - 2, c[1] + r + 2):
        for x in range(c[0] - r - 2, c[0] + r + 2):
            d = math.hypot(x - c[0], y - c[1]) - r
            blend(x, y, fg, min(1, max(0, 0.5 - d)))

for a, b in edges:
    segment(nodes[a], nodes[b], 22)
for i, n in enumerate(nodes):
    disc(n, 62 if i == 5 else 46)

raw = b"".join(b"\x00" + bytes(c for p in row for c in p) for row in px)
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
open(sys.argv[1] if len(sys.argv) > 1 else "icons/source.png", "wb").write(png)
