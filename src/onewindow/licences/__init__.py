"""Unified issuing and e-licences (统一出件 · 电子证照, DOMAIN §4; docs/licences.md)."""
