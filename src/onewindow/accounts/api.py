from ninja import Router, Schema

from onewindow.accounts.services import api_token_issue
from onewindow.core.schemas import ErrorOut

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


@router.post("/token", response={200: TokenOut, 401: ErrorOut, 422: ErrorOut}, auth=None)
def token(request, body: TokenIn):
    """Exchange a username and password for a bearer token (`Authorization: Bearer <token>`)."""
    return {"token": api_token_issue(username=body.username, password=body.password)}
