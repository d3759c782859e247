package io.herald.node.protocol;

/** A decoded client command (the {@code method} and {@code params} of a JSON-RPC request). */
public sealed interface Command
    permits ConnectCommand,
        SubscribeCommand,
        UnsubscribeCommand,
        PublishCommand,
        RefreshCommand,
        PongCommand,
        HistoryCommand,
        PresenceCommand,
        PresenceStatsCommand,
        RpcCommand,
        CancelCommand {}
