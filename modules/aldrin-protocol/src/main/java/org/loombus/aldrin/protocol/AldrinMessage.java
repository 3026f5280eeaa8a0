package org.loombus.aldrin.protocol;

/**
 * One message of Aldrin protocol 1.20: one record per {@link MessageKind}, with the fields in
 * wire order. {@link MessageCodec} turns them into frames and back; kinds whose frames carry a
 * value implement {@link MessageWithValue}.
 */
public sealed interface AldrinMessage
    permits MessageWithValue,
        Shutdown, CreateObject, CreateObjectReply, DestroyObject, DestroyObjectReply, CreateService,
        CreateServiceReply, DestroyService, DestroyServiceReply, SubscribeEvent,
        SubscribeEventReply, UnsubscribeEvent, QueryServiceVersion, QueryServiceVersionReply,
        CreateChannel, CreateChannelReply, CloseChannelEnd, CloseChannelEndReply, ChannelEndClosed,
        ClaimChannelEnd, ClaimChannelEndReply, ChannelEndClaimed, AddChannelCapacity, Sync,
        SyncReply, ServiceDestroyed, CreateBusListener, CreateBusListenerReply, DestroyBusListener,
        DestroyBusListenerReply, AddBusListenerFilter, RemoveBusListenerFilter,
        ClearBusListenerFilters, StartBusListener, StartBusListenerReply, StopBusListener,
        StopBusListenerReply, EmitBusEvent, BusListenerCurrentFinished, AbortFunctionCall,
        QueryIntrospection, QueryServiceInfo, SubscribeService, SubscribeServiceReply,
        UnsubscribeService, SubscribeAllEvents, SubscribeAllEventsReply, UnsubscribeAllEvents,
        UnsubscribeAllEventsReply {
  /** @return the kind of this message */
  MessageKind kind();
}
