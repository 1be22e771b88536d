from __future__ import annotations

# --- composer, templates, lint ---

# --- outreach settings (mail, LinkedIn, AI) ---
