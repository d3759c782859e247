"""A FastAPI backend that uses Herald for live task sync across a user's devices.

- ``POST /login`` stands in for your real login: it sets a session cookie for a user name.
- ``GET /herald/token`` mints a Herald connection token for the logged-in user. Its ``channels``
  claim subscribes every device of the user to ``tasks:list#<user>`` at connect (the server
  chooses; the namespace needs ``allowUserLimitedChannels``), so the browser code only connects.
- ``PUT /tasks/{task_id}`` saves a task and publishes ``{"type": "task.updated", "task": ...}``
  to that channel; only that user's devices receive it. A retry of the same version publishes
  nothing twice (``idempotency_key``).
- ``GET /herald/subscription-token?channel=$tasks:board-<id>`` mints a subscription token for a
  private board the user is a member of.
- ``POST /herald/events`` receives Herald's webhooks (docs/webhooks.md), checks their signature
  and keeps the set of users online; ``GET /online`` shows it.

Run it next to ``herald dev`` (which opens the ``tasks`` namespace)::

    export HERALD_API_KEY=... HERALD_TOKEN_HMAC_SECRET=...
    uvicorn --factory fastapi_app:app_from_env --port 8080
"""

from __future__ import annotations

import os
import secrets
from typing import Dict, Optional, Set

from fastapi import Cookie, Depends, FastAPI, Header, HTTPException, Request, Response
from pydantic import BaseModel

import herald


class Login(BaseModel):
    user: str


class TaskUpdate(BaseModel):
    title: str
    done: bool = False


def create_app(herald_url: str, api_key: str, token_secret: str,
               boards: Optional[Dict[str, Set[str]]] = None,
               webhook_secret: Optional[str] = None) -> FastAPI:
    """The app. ``boards`` maps private board channels (``$tasks:board-1``) to their members;
    ``webhook_secret`` is the ``secret`` of the server's ``webhooks`` entry for this app."""
    app = FastAPI(title="Tasks, synced by Herald")
    tokens = herald.TokenMinter(hmac_secret=token_secret)
    sessions: Dict[str, str] = {}
    tasks: Dict[str, Dict[int, dict]] = {}
    members = boards or {}
    state: Dict[str, herald.AsyncClient] = {}
    online: Set[str] = set()
    seen_events: Set[str] = set()

    @app.on_event("startup")
    async def open_herald() -> None:
        # Made on the server's event loop, which all its calls then use.
        state["herald"] = herald.AsyncClient(herald_url, api_key=api_key)

    @app.on_event("shutdown")
    async def close_herald() -> None:
        await state["herald"].close()

    def current_user(session: Optional[str] = Cookie(default=None)) -> str:
        user = sessions.get(session or "")
        if user is None:
            raise HTTPException(status_code=401, detail="log in first")
        return user

    @app.post("/login")
    def login(body: Login, response: Response) -> dict:
        session = secrets.token_urlsafe(16)
        sessions[session] = body.user
        response.set_cookie("session", session, httponly=True, samesite="lax")
        return {"user": body.user}

    @app.get("/herald/token")
    def herald_token(user: str = Depends(current_user)) -> dict:
        channel = f"tasks:list#{user}"
        return {"token": tokens.connection_token(user, ttl=3600, channels=[channel]),
                "channel": channel}

    @app.get("/herald/subscription-token")
    def herald_subscription_token(channel: str, user: str = Depends(current_user)) -> dict:
        if user not in members.get(channel, set()):
            raise HTTPException(status_code=403, detail="not a member of this board")
        return {"token": tokens.subscription_token(user, channel, ttl=3600)}

    @app.put("/tasks/{task_id}")
    async def update_task(task_id: int, update: TaskUpdate,
                          user: str = Depends(current_user)) -> dict:
        mine = tasks.setdefault(user, {})
        version = mine.get(task_id, {}).get("version", 0) + 1
        task = {"id": task_id, "title": update.title, "done": update.done, "version": version}
        mine[task_id] = task
        try:
            sent = await state["herald"].publish(
                f"tasks:list#{user}", {"type": "task.updated", "task": task},
                idempotency_key=f"task-{user}-{task_id}-v{version}")
        except herald.HeraldError as e:
            # Saved, but the devices were not told: they resync from history on reconnect.
            return {"task": task, "published": False, "error": str(e)}
        return {"task": task, "published": True, "offset": sent.offset}

    @app.post("/herald/events", status_code=204)
    async def herald_events(request: Request,
                            herald_signature: Optional[str] = Header(default=None)) -> Response:
        body = await request.body()  # the raw bytes: the signature covers them exactly
        try:
            events = herald.webhooks.parse(webhook_secret or "", herald_signature, body)
        except herald.webhooks.WebhookSignatureError:
            raise HTTPException(status_code=401, detail="bad signature") from None
        for event in events:
            if event.id in seen_events:  # delivery is at least once
                continue
            seen_events.add(event.id)
            if event.type == "user.online":
                online.add(event.user)
            elif event.type == "user.offline":
                online.discard(event.user)
        return Response(status_code=204)

    @app.get("/online")
    def who_is_online() -> dict:
        return {"users": sorted(online)}

    return app


def app_from_env() -> FastAPI:
    """The app configured from HERALD_URL, HERALD_API_KEY and HERALD_TOKEN_HMAC_SECRET."""
    return create_app(os.environ.get("HERALD_URL", "http://localhost:8000"),
                      os.environ["HERALD_API_KEY"], os.environ["HERALD_TOKEN_HMAC_SECRET"],
                      boards={"$tasks:board-1": {"ann", "bob"}},
                      webhook_secret=os.environ.get("HERALD_WEBHOOKS_0_SECRET"))
