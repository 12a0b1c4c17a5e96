"""The web application: FastAPI with server-rendered Jinja2 pages (htmx shipped in the package) and
a JSON API, over the same store as the CLI. `create_app` returns the ASGI app uvicorn serves."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..store import Store, open_store
from . import api, api_cases, api_review, case_pages, pages, review_pages
from .accounts import Policy, server_secret
from .context import TEMPLATES, AppState, Forbidden, NotSignedIn, page_context
from .permissions import ROLE_NAMES
from .reports import Limits, UploadRefused
from .security import BodyLimit, Receive, Scope, SecurityHeaders, Send

STATIC = Path(__file__).resolve().parent / "static"

# Routes anyone may call without signing in (a test checks every other route requires a user).
PUBLIC_PATHS = {
    "/login",
    "/public",
    "/public/apply",
    "/public/status",
    "/public/{organ_id}",
    "/public/reports/{report_id}",
    "/static",
    "/openapi.json",
    "/healthz",
}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error_page(request: Request, status: int, message: str) -> Response:
    templates: Jinja2Templates = request.app.state.nianbao.templates
    return templates.TemplateResponse(
        request, "error.html", page_context(request, status=status, message=message), status_code=status
    )


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, _exc: NotSignedIn) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {"detail": "需要登录或有效的令牌"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, _exc: Forbidden) -> Response:
        message = "当前账户无权进行此操作"
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=403)
        return _error_page(request, 403, message)

    @app.exception_handler(UploadRefused)
    async def too_large(request: Request, exc: UploadRefused) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=413)
        return _error_page(request, 413, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "请求无法完成"
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=exc.status_code, headers=exc.headers)
        return _error_page(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]
            return JSONResponse({"detail": errors}, status_code=422)
        return _error_page(request, 422, "提交的内容不完整或格式不对")

    @app.exception_handler(Exception)
    async def internal(request: Request, _exc: Exception) -> Response:
        # Never a traceback to a user; the server log keeps it.
        if _wants_json(request):
            return JSONResponse({"detail": "服务器内部错误"}, status_code=500)
        return _error_page(request, 500, "服务器内部错误，请稍后重试或联系管理员")


def create_fastapi(
    store: Store,
    policy: Policy | None = None,
    limits: Limits | None = None,
    secure_cookies: bool = False,
) -> FastAPI:
    app = FastAPI(
        title="nianbao",
        version="1",
        description="政府信息公开工作年度报告：上传核对、年报编制、公开办审核的接口。",
        docs_url=None,
        redoc_url=None,
    )
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.globals["role_names"] = ROLE_NAMES
    app.state.nianbao = AppState(
        store=store,
        policy=policy or Policy(),
        limits=limits or Limits(),
        secret=server_secret(store),
        templates=templates,
        secure_cookies=secure_cookies,
    )
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(pages.router)
    # Before review_pages: /public/apply and /public/status are not /public/{organ_id}.
    app.include_router(case_pages.router)
    app.include_router(review_pages.router)
    app.include_router(api.router)
    app.include_router(api_review.router)
    app.include_router(api_cases.router)
    _install_handlers(app)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


class Application:
    """The whole application as uvicorn serves it: security headers and the body size limit around
    the FastAPI app (`.fastapi`, for the OpenAPI schema and in-process tests)."""

    def __init__(self, inner: FastAPI, max_request_bytes: int) -> None:
        self.fastapi = inner
        self._asgi = SecurityHeaders(BodyLimit(inner, max_request_bytes))

    @property
    def store(self) -> Store:
        found: Store = self.fastapi.state.nianbao.store
        return found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._asgi(scope, receive, send)


def create_app(
    db: str | None = None,
    store: Store | None = None,
    policy: Policy | None = None,
    limits: Limits | None = None,
    secure_cookies: bool = False,
) -> Application:
    chosen = limits or Limits()
    inner = create_fastapi(store or open_store(db), policy, chosen, secure_cookies)
    return Application(inner, chosen.max_request_bytes)
