"""What every request handler gets: the application's state (store, policies, limits, templates),
the signed-in user (from the session cookie or a bearer token), permission checks and CSRF checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from ..store import Store
from .accounts import Policy, session_user, token_user
from .permissions import ROLE_NAMES, Action, User
from .reports import Limits
from .security import csrf_token, csrf_valid, new_token

SESSION_COOKIE = "nb_session"
ANON_COOKIE = "nb_anon"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
TEMPLATES = Path(__file__).resolve().parent / "templates"
# Ids are database integers: anything outside their range is simply not found (never a 500).
ReportId = Annotated[int, PathParam(ge=1, le=2_147_483_647)]


@dataclass
class AppState:
    store: Store
    policy: Policy
    limits: Limits
    secret: str
    templates: Jinja2Templates
    secure_cookies: bool = False


def state(request: Request) -> AppState:
    found: AppState = request.app.state.nianbao
    return found


class NotSignedIn(Exception):
    """No valid session or token: pages go to the sign-in page, the API answers 401."""


class Forbidden(Exception):
    """Signed in but not allowed: 403 (a report of another organ answers 404, as if absent)."""


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def current_user(request: Request) -> User | None:
    """The user of this request, cached on it; a bearer token wins over a session cookie."""
    if hasattr(request.state, "user"):
        cached: User | None = request.state.user
        return cached
    app = state(request)
    token = _bearer(request)
    user: User | None = None
    if token is not None:
        user = token_user(app.store, token)
        request.state.by_token = user is not None
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        user = session_user(app.store, cookie, app.policy) if cookie else None
        request.state.by_token = False
    request.state.user = user
    return user


def signed_in(request: Request) -> User:
    user = current_user(request)
    if user is None:
        raise NotSignedIn()
    return user


def require(action: Action) -> Any:
    """A dependency: the signed-in user, who must be allowed `action`."""

    def check(user: Annotated[User, Depends(signed_in)]) -> User:
        if not user.can(action):
            raise Forbidden()
        return user

    return Depends(check)


def browser_token(request: Request) -> str:
    """The cookie CSRF tokens are bound to: the session's, or an anonymous one for sign-in and the
    public form (set on the response by `remember_anonymous`)."""
    session = request.cookies.get(SESSION_COOKIE)
    if session and current_user(request) is not None:
        return session
    anon = request.cookies.get(ANON_COOKIE)
    if not anon:
        anon = getattr(request.state, "new_anon", None) or new_token()
        request.state.new_anon = anon
    return anon


def csrf_for(request: Request) -> str:
    return csrf_token(state(request).secret, browser_token(request))


async def verify_csrf(request: Request) -> None:
    """Unsafe requests from a browser must carry the page's CSRF token (form field or header) and,
    when the browser says where it comes from, come from this origin. Bearer-token scripts send no
    cookies, so they are not exposed to CSRF and need no token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    current_user(request)
    if getattr(request.state, "by_token", False):
        return
    origin = request.headers.get("origin")
    if origin and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise HTTPException(403, "请求来源与本站不符，已拒绝")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    cookie = request.cookies.get(SESSION_COOKIE) or request.cookies.get(ANON_COOKIE)
    if request.cookies.get(SESSION_COOKIE) and current_user(request) is None:
        cookie = request.cookies.get(ANON_COOKIE)
    if not csrf_valid(state(request).secret, cookie, sent):
        raise HTTPException(403, "表单已过期或缺少安全令牌（CSRF），请刷新页面后重试")


def remember_anonymous(request: Request, response: Response) -> None:
    anon = getattr(request.state, "new_anon", None)
    if anon:
        response.set_cookie(
            ANON_COOKIE, anon, httponly=True, samesite="strict", secure=state(request).secure_cookies
        )


def page_context(request: Request, **values: Any) -> dict[str, Any]:
    user = current_user(request)
    return {"request": request, "user": user, "csrf": csrf_for(request), "role_names": ROLE_NAMES, **values}


def render_page(request: Request, template: str, values: dict[str, Any], status: int = 200) -> Response:
    """A template filled with `values` and what every page has (the user, the CSRF token)."""
    response = state(request).templates.TemplateResponse(
        request, template, page_context(request, **values), status_code=status
    )
    remember_anonymous(request, response)
    return response
