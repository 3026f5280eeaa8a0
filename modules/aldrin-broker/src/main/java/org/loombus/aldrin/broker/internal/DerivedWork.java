package org.loombus.aldrin.broker.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.loombus.aldrin.protocol.CallFunctionReply;
import org.loombus.aldrin.protocol.ObjectId;
import org.loombus.aldrin.protocol.ServiceId;

/**
 * Work that one incoming message causes beyond its direct answer, drained by {@link Router}
 * after each message in aldrin-broker's fixed priority (see {@link Router#drain}). Each kind is a
 * stack, last in first out, exactly as aldrin-broker keeps them, because the order of the
 * resulting messages is what clients observe.
 */
final class DerivedWork {
  record RemoveClient(ClientState client, boolean sendShutdown) {}

  record Unsubscribe(ClientState owner, UUID service, int event) {}

  record UnsubscribeAll(ClientState owner, UUID service) {}

  record Destroyed(ClientState subscriber, UUID service) {}

  record EndCall(int callerSerial, ClientState caller, CallFunctionReply.Result result) {}

  record Abort(int calleeSerial, ClientState callee) {}

  final List<RemoveClient> removeClients = new ArrayList<>();
  final List<Unsubscribe> unsubscribeEvents = new ArrayList<>();
  final List<UnsubscribeAll> unsubscribeAllEvents = new ArrayList<>();
  final List<Destroyed> servicesDestroyed = new ArrayList<>();
  final List<EndCall> endCalls = new ArrayList<>();
  final List<ObjectId> createdObjects = new ArrayList<>();
  final List<ServiceId> createdServices = new ArrayList<>();
  final List<ServiceId> destroyedServices = new ArrayList<>();
  final List<ObjectId> destroyedObjects = new ArrayList<>();
  final List<Abort> aborts = new ArrayList<>();

  static <T> T pop(List<T> stack) {
    return stack.isEmpty() ? null : stack.remove(stack.size() - 1);
  }
}
