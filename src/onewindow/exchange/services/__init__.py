from onewindow.exchange.services.clients import api_client_create, api_client_revoke
from onewindow.exchange.services.webhooks import (
    webhook_create,
    webhook_deliveries_enqueue,
    webhook_delivery_attempt,
    webhooks_dispatch,
)

__all__ = ["api_client_create", "api_client_revoke", "webhook_create", "webhook_deliveries_enqueue",
           "webhook_delivery_attempt", "webhooks_dispatch"]
