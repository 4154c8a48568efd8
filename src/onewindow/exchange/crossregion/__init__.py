"""Cross-region intake (跨省通办 / 省内通办, 异地代收) between two onewindow installations.

vault.py     SM4 encryption of the partner's key and shared secret under the site key
signing.py   canonical JSON, HMAC-SHA256 over timestamp + nonce + body, replay window, nonces
partners.py  registering a partner installation
outbound.py  at the receiving installation: the receipt, forwarding with backoff, status polling
inbound.py   at the competent installation: the hand-in creating a case, and its status
api.py       the HTTP side of both (mounted under /api/v1/exchange/crossregion)
"""
