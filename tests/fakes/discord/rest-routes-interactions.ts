import type { InteractionRegistry } from "./interaction-registry.js";
import type { Route } from "./rest-server.js";

/** Interaction callbacks and their webhook follow-ups: authenticated by the token in the path, not the bot token. */
export function interactionRoutes(reg: InteractionRegistry): Route[] {
  const p = (params: Record<string, string>) => ({
    app: params.appId ?? "",
    token: params.token ?? "",
    msg: params.messageId ?? "@original",
  });
  const webhookBucket = (params: Record<string, string>) => ({ key: `webhook:${params.token ?? ""}`, hash: "fake-interaction-webhook" });
  const messageRoutes = (pattern: string): Route[] => [
    {
      method: "GET",
      pattern,
      auth: "token",
      bucket: webhookBucket,
      handle: ({ params }) => {
        const { app, token, msg } = p(params);
        return { body: reg.getMessage(app, token, msg) };
      },
    },
    {
      method: "PATCH",
      pattern,
      auth: "token",
      bucket: webhookBucket,
      handle: ({ params, body, now }) => {
        const { app, token, msg } = p(params);
        return { body: reg.editMessage(app, token, msg, body, now) };
      },
    },
    {
      method: "DELETE",
      pattern,
      auth: "token",
      bucket: webhookBucket,
      handle: ({ params }) => {
        const { app, token, msg } = p(params);
        reg.deleteMessage(app, token, msg);
        return {};
      },
    },
  ];
  return [
    {
      method: "POST",
      pattern: "/interactions/:interactionId/:token/callback",
      auth: "token",
      handle: ({ params, body, query, now }) => ({
        body: reg.callback(params.interactionId ?? "", params.token ?? "", body, query.get("with_response") === "true", now),
      }),
    },
    {
      method: "POST",
      pattern: "/webhooks/:appId/:token",
      auth: "token",
      bucket: webhookBucket,
      handle: ({ params, body, query }) => {
        const { app, token } = p(params);
        const msg = reg.followUp(app, token, body);
        return { body: query.get("wait") === "true" ? msg : undefined };
      },
    },
    ...messageRoutes("/webhooks/:appId/:token/messages/@original"),
    ...messageRoutes("/webhooks/:appId/:token/messages/:messageId"),
  ];
}
