package org.loombus.aldrin.protocol;

import java.util.HexFormat;
import java.util.Map;

/**
 * The serialized messages of aldrin-core's own unit tests, copied byte for byte as facts: the key
 * names the file under {@code core/src/message/} (dennis-hamester/aldrin at commit
 * 74ea6c477d9a22ac43a79d7bc51f3851cf8e114b, aldrin-core 0.13.0) and the test function holding the
 * {@code serialized} array.
 */
final class AldrinMessageVectors {
  private static final Map<String, String> HEX = Map.ofEntries(
    Map.entry("abort_function_call/sync", "06 00 00 00 30 01"),
    Map.entry(
        "add_bus_listener_filter/any_object",
        "16 00 00 00 25 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 00"),
    Map.entry(
        "add_bus_listener_filter/specific_object",
        "26 00 00 00 25 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 01 b7 f4 93 0e a6 73 "
            + "4b 3d 95 45 78 87 fa 8b de 3f"),
    Map.entry(
        "add_bus_listener_filter/any_object_any_service",
        "16 00 00 00 25 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 02"),
    Map.entry(
        "add_bus_listener_filter/specific_object_any_service",
        "26 00 00 00 25 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 03 b7 f4 93 0e a6 73 "
            + "4b 3d 95 45 78 87 fa 8b de 3f"),
    Map.entry(
        "add_bus_listener_filter/any_object_specific_service",
        "26 00 00 00 25 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 04 b7 f4 93 0e a6 73 "
            + "4b 3d 95 45 78 87 fa 8b de 3f"),
    Map.entry(
        "add_bus_listener_filter/specific_object_specific_service",
        "36 00 00 00 25 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 05 8a 88 cf e6 26 ae "
            + "4c 5a 8f 70 5e 11 be 41 d2 5a b7 f4 93 0e a6 73 4b 3d 95 45 78 87 fa 8b de 3f"),
    Map.entry(
        "add_channel_capacity/add_channel_capacity",
        "16 00 00 00 1d 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 10"),
    Map.entry(
        "bus_listener_current_finished/bus_listener_current_finished",
        "15 00 00 00 2d 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72"),
    Map.entry(
        "call_function/call_function",
        "1d 00 00 00 0b 02 00 00 00 03 04 01 02 6c 31 42 53 0b 4d 65 85 0d a2 97 dc c2 fe cb "
            + "02"),
    Map.entry(
        "call_function2/call_function2_without_version",
        "1e 00 00 00 3e 02 00 00 00 03 04 01 02 6c 31 42 53 0b 4d 65 85 0d a2 97 dc c2 fe cb "
            + "02 00"),
    Map.entry(
        "call_function2/call_function2_with_version",
        "1f 00 00 00 3e 02 00 00 00 03 04 01 02 6c 31 42 53 0b 4d 65 85 0d a2 97 dc c2 fe cb "
            + "02 01 03"),
    Map.entry("call_function_reply/ok", "0d 00 00 00 0c 02 00 00 00 03 04 01 00"),
    Map.entry("call_function_reply/err", "0d 00 00 00 0c 02 00 00 00 03 04 01 01"),
    Map.entry("call_function_reply/aborted", "0c 00 00 00 0c 01 00 00 00 00 01 02"),
    Map.entry("call_function_reply/invalid_service", "0c 00 00 00 0c 01 00 00 00 00 01 03"),
    Map.entry("call_function_reply/invalid_function", "0c 00 00 00 0c 01 00 00 00 00 01 04"),
    Map.entry("call_function_reply/invalid_args", "0c 00 00 00 0c 01 00 00 00 00 01 05"),
    Map.entry(
        "channel_end_claimed/sender",
        "16 00 00 00 1a 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 00"),
    Map.entry(
        "channel_end_claimed/receiver",
        "17 00 00 00 1a 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 01 04"),
    Map.entry(
        "channel_end_closed/sender",
        "16 00 00 00 17 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 00"),
    Map.entry(
        "channel_end_closed/receiver",
        "16 00 00 00 17 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 01"),
    Map.entry(
        "claim_channel_end/sender",
        "17 00 00 00 18 00 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 00"),
    Map.entry(
        "claim_channel_end/receiver",
        "18 00 00 00 18 00 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 01 10"),
    Map.entry("claim_channel_end_reply/sender_claimed", "08 00 00 00 19 01 00 02"),
    Map.entry("claim_channel_end_reply/receiver_claimed", "07 00 00 00 19 01 01"),
    Map.entry("claim_channel_end_reply/invalid_channel", "07 00 00 00 19 01 02"),
    Map.entry("claim_channel_end_reply/already_claimed", "07 00 00 00 19 01 03"),
    Map.entry(
        "clear_bus_listener_filters/clear_bus_listener_filters",
        "15 00 00 00 27 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72"),
    Map.entry(
        "close_channel_end/sender",
        "17 00 00 00 15 01 de cf 4b 2f 56 2c 4c 1b b8 84 61 47 e3 de 76 c0 00"),
    Map.entry(
        "close_channel_end/receiver",
        "17 00 00 00 15 01 de cf 4b 2f 56 2c 4c 1b b8 84 61 47 e3 de 76 c0 01"),
    Map.entry("close_channel_end_reply/ok", "07 00 00 00 16 01 00"),
    Map.entry("close_channel_end_reply/invalid_channel", "07 00 00 00 16 01 01"),
    Map.entry("close_channel_end_reply/foreign_channel", "07 00 00 00 16 01 02"),
    Map.entry("connect/connect", "0c 00 00 00 00 02 00 00 00 03 04 01"),
    Map.entry("connect2/connect2", "0d 00 00 00 2e 02 00 00 00 41 00 01 02"),
    Map.entry("connect_reply/ok", "0c 00 00 00 01 02 00 00 00 03 04 00"),
    Map.entry("connect_reply/version_mismatch", "0c 00 00 00 01 01 00 00 00 00 01 02"),
    Map.entry("connect_reply/rejected", "0c 00 00 00 01 02 00 00 00 03 04 02"),
    Map.entry("connect_reply2/ok", "0d 00 00 00 2f 02 00 00 00 41 00 00 01"),
    Map.entry("connect_reply2/rejected", "0c 00 00 00 2f 02 00 00 00 41 00 01"),
    Map.entry("connect_reply2/incompatible_version", "0c 00 00 00 2f 02 00 00 00 41 00 02"),
    Map.entry("create_bus_listener/sync", "06 00 00 00 21 01"),
    Map.entry(
        "create_bus_listener_reply/create_channel_reply",
        "16 00 00 00 22 01 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72"),
    Map.entry("create_channel/sender", "07 00 00 00 13 01 00"),
    Map.entry("create_channel/receiver", "08 00 00 00 13 01 01 10"),
    Map.entry(
        "create_channel_reply/create_channel_reply",
        "16 00 00 00 14 01 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72"),
    Map.entry(
        "create_object/create_object",
        "16 00 00 00 03 01 b7 c3 be 13 53 77 46 6e b4 bf 37 38 76 52 3d 1b"),
    Map.entry(
        "create_object_reply/ok",
        "17 00 00 00 04 01 00 b7 c3 be 13 53 77 46 6e b4 bf 37 38 76 52 3d 1b"),
    Map.entry("create_object_reply/duplicate_object", "07 00 00 00 04 01 01"),
    Map.entry(
        "create_service/create_service",
        "27 00 00 00 07 01 b7 c3 be 13 53 77 46 6e b4 bf 37 38 76 52 3d 1b d3 ef d0 0b 7a 7b "
            + "4b f7 bd d3 3c 66 32 47 33 47 02"),
    Map.entry(
        "create_service2/create_service2",
        "30 00 00 00 34 06 00 00 00 41 01 00 07 02 00 01 b7 c3 be 13 53 77 46 6e b4 bf 37 38 "
            + "76 52 3d 1b d3 ef d0 0b 7a 7b 4b f7 bd d3 3c 66 32 47 33 47"),
    Map.entry(
        "create_service_reply/ok",
        "17 00 00 00 08 01 00 b7 c3 be 13 53 77 46 6e b4 bf 37 38 76 52 3d 1b"),
    Map.entry("create_service_reply/duplicate_service", "07 00 00 00 08 01 01"),
    Map.entry("create_service_reply/invalid_object", "07 00 00 00 08 01 02"),
    Map.entry("create_service_reply/foreign_object", "07 00 00 00 08 01 03"),
    Map.entry(
        "destroy_bus_listener/create_channel_reply",
        "16 00 00 00 23 01 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72"),
    Map.entry("destroy_bus_listener_reply/ok", "07 00 00 00 24 01 00"),
    Map.entry("destroy_bus_listener_reply/invalid_bus_listener", "07 00 00 00 24 01 01"),
    Map.entry(
        "destroy_object/destroy_object",
        "16 00 00 00 05 01 b7 c3 be 13 53 77 46 6e b4 bf 37 38 76 52 3d 1b"),
    Map.entry("destroy_object_reply/ok", "07 00 00 00 06 01 00"),
    Map.entry("destroy_object_reply/invalid_object", "07 00 00 00 06 01 01"),
    Map.entry("destroy_object_reply/foreign_object", "07 00 00 00 06 01 02"),
    Map.entry(
        "destroy_service/destroy_service",
        "16 00 00 00 09 01 b7 c3 be 13 53 77 46 6e b4 bf 37 38 76 52 3d 1b"),
    Map.entry("destroy_service_reply/ok", "07 00 00 00 0a 01 00"),
    Map.entry("destroy_service_reply/invalid_service", "07 00 00 00 0a 01 01"),
    Map.entry("destroy_service_reply/foreign_object", "07 00 00 00 0a 01 02"),
    Map.entry(
        "emit_bus_event/object_created_without_cookie",
        "27 00 00 00 2c 00 00 3f 5e b6 03 ce 4b 4c 48 bc 5e 90 90 7f 55 ab 8a 03 db bf a4 44 "
            + "76 49 30 a4 d7 28 32 6e fd 7f c7"),
    Map.entry(
        "emit_bus_event/object_destroyed_without_cookie",
        "27 00 00 00 2c 00 01 3f 5e b6 03 ce 4b 4c 48 bc 5e 90 90 7f 55 ab 8a 03 db bf a4 44 "
            + "76 49 30 a4 d7 28 32 6e fd 7f c7"),
    Map.entry(
        "emit_bus_event/service_created_without_cookie",
        "47 00 00 00 2c 00 02 3f 5e b6 03 ce 4b 4c 48 bc 5e 90 90 7f 55 ab 8a 03 db bf a4 44 "
            + "76 49 30 a4 d7 28 32 6e fd 7f c7 af fc b7 9b e9 9c 47 84 95 e0 0d c9 9f cb a8 ff 37 "
            + "22 74 6e 76 a8 41 31 98 32 42 c4 78 3f 89 97"),
    Map.entry(
        "emit_bus_event/service_destroyed_without_cookie",
        "47 00 00 00 2c 00 03 3f 5e b6 03 ce 4b 4c 48 bc 5e 90 90 7f 55 ab 8a 03 db bf a4 44 "
            + "76 49 30 a4 d7 28 32 6e fd 7f c7 af fc b7 9b e9 9c 47 84 95 e0 0d c9 9f cb a8 ff 37 "
            + "22 74 6e 76 a8 41 31 98 32 42 c4 78 3f 89 97"),
    Map.entry(
        "emit_bus_event/object_created_with_cookie",
        "37 00 00 00 2c 01 b6 6c 03 07 85 cf 4a 7c 8a cf 6e 99 d0 f4 07 b7 00 3f 5e b6 03 ce "
            + "4b 4c 48 bc 5e 90 90 7f 55 ab 8a 03 db bf a4 44 76 49 30 a4 d7 28 32 6e fd 7f c7"),
    Map.entry(
        "emit_bus_event/object_destroyed_with_cookie",
        "37 00 00 00 2c 01 b6 6c 03 07 85 cf 4a 7c 8a cf 6e 99 d0 f4 07 b7 01 3f 5e b6 03 ce "
            + "4b 4c 48 bc 5e 90 90 7f 55 ab 8a 03 db bf a4 44 76 49 30 a4 d7 28 32 6e fd 7f c7"),
    Map.entry(
        "emit_bus_event/service_created_with_cookie",
        "57 00 00 00 2c 01 b6 6c 03 07 85 cf 4a 7c 8a cf 6e 99 d0 f4 07 b7 02 3f 5e b6 03 ce "
            + "4b 4c 48 bc 5e 90 90 7f 55 ab 8a 03 db bf a4 44 76 49 30 a4 d7 28 32 6e fd 7f c7 af "
            + "fc b7 9b e9 9c 47 84 95 e0 0d c9 9f cb a8 ff 37 22 74 6e 76 a8 41 31 98 32 42 c4 78 "
            + "3f 89 97"),
    Map.entry(
        "emit_bus_event/service_destroyed_with_cookie",
        "57 00 00 00 2c 01 b6 6c 03 07 85 cf 4a 7c 8a cf 6e 99 d0 f4 07 b7 03 3f 5e b6 03 ce "
            + "4b 4c 48 bc 5e 90 90 7f 55 ab 8a 03 db bf a4 44 76 49 30 a4 d7 28 32 6e fd 7f c7 af "
            + "fc b7 9b e9 9c 47 84 95 e0 0d c9 9f cb a8 ff 37 22 74 6e 76 a8 41 31 98 32 42 c4 78 "
            + "3f 89 97"),
    Map.entry(
        "emit_event/emit_event",
        "1c 00 00 00 10 02 00 00 00 03 04 02 6c 31 42 53 0b 4d 65 85 0d a2 97 dc c2 fe cb 01"),
    Map.entry(
        "item_received/item_received",
        "1b 00 00 00 1c 02 00 00 00 03 04 02 6c 31 42 53 0b 4d 65 85 0d a2 97 dc c2 fe cb"),
    Map.entry(
        "query_introspection/query_introspection",
        "16 00 00 00 32 01 b7 c3 be 13 53 77 46 6e b4 bf 37 38 76 52 3d 1b"),
    Map.entry("query_introspection_reply/ok", "0d 00 00 00 33 02 00 00 00 03 04 01 00"),
    Map.entry("query_introspection_reply/unavailable", "0c 00 00 00 33 01 00 00 00 00 01 01"),
    Map.entry(
        "query_service_info/query_service_info",
        "16 00 00 00 35 01 b7 c3 be 13 53 77 46 6e b4 bf 37 38 76 52 3d 1b"),
    Map.entry(
        "query_service_info_reply/ok",
        "2a 00 00 00 36 1f 00 00 00 41 01 00 07 02 01 01 01 0e cf 41 c6 88 49 76 46 a5 8e 2d "
            + "48 71 02 58 bc 2c 01 02 01 02 01 00 01 00"),
    Map.entry("query_service_info_reply/invalid_service", "0c 00 00 00 36 01 00 00 00 00 01 01"),
    Map.entry(
        "query_service_version/query_service_version",
        "16 00 00 00 11 01 b7 c3 be 13 53 77 46 6e b4 bf 37 38 76 52 3d 1b"),
    Map.entry("query_service_version_reply/ok", "08 00 00 00 12 01 00 02"),
    Map.entry("query_service_version_reply/invalid_service", "07 00 00 00 12 01 01"),
    Map.entry(
        "register_introspection/register_introspection",
        "1c 00 00 00 31 13 00 00 00 40 01 02 6c 31 42 53 0b 4d 65 85 0d a2 97 dc c2 fe cb 00"),
    Map.entry(
        "remove_bus_listener_filter/any_object",
        "16 00 00 00 26 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 00"),
    Map.entry(
        "remove_bus_listener_filter/specific_object",
        "26 00 00 00 26 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 01 b7 f4 93 0e a6 73 "
            + "4b 3d 95 45 78 87 fa 8b de 3f"),
    Map.entry(
        "remove_bus_listener_filter/any_object_any_service",
        "16 00 00 00 26 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 02"),
    Map.entry(
        "remove_bus_listener_filter/specific_object_any_service",
        "26 00 00 00 26 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 03 b7 f4 93 0e a6 73 "
            + "4b 3d 95 45 78 87 fa 8b de 3f"),
    Map.entry(
        "remove_bus_listener_filter/any_object_specific_service",
        "26 00 00 00 26 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 04 b7 f4 93 0e a6 73 "
            + "4b 3d 95 45 78 87 fa 8b de 3f"),
    Map.entry(
        "remove_bus_listener_filter/specific_object_specific_service",
        "36 00 00 00 26 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 05 8a 88 cf e6 26 ae "
            + "4c 5a 8f 70 5e 11 be 41 d2 5a b7 f4 93 0e a6 73 4b 3d 95 45 78 87 fa 8b de 3f"),
    Map.entry(
        "send_item/send_item",
        "1b 00 00 00 1b 02 00 00 00 03 04 02 6c 31 42 53 0b 4d 65 85 0d a2 97 dc c2 fe cb"),
    Map.entry(
        "service_destroyed/service_destroyed_event",
        "15 00 00 00 20 54 37 e9 74 e5 91 48 23 b2 cd 89 da 0d da 17 79"),
    Map.entry("shutdown/shutdown", "05 00 00 00 02"),
    Map.entry(
        "start_bus_listener/current",
        "17 00 00 00 28 00 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 00"),
    Map.entry(
        "start_bus_listener/new",
        "17 00 00 00 28 00 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 01"),
    Map.entry(
        "start_bus_listener/all",
        "17 00 00 00 28 00 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72 02"),
    Map.entry("start_bus_listener_reply/ok", "07 00 00 00 29 01 00"),
    Map.entry("start_bus_listener_reply/invalid_bus_listener", "07 00 00 00 29 01 01"),
    Map.entry("start_bus_listener_reply/already_started", "07 00 00 00 29 01 02"),
    Map.entry(
        "stop_bus_listener/stop_bus_listener",
        "16 00 00 00 2a 00 89 e6 24 38 29 91 48 f8 ae 1d 7a d9 dd cd 7e 72"),
    Map.entry("stop_bus_listener_reply/ok", "07 00 00 00 2b 01 00"),
    Map.entry("stop_bus_listener_reply/invalid_bus_listener", "07 00 00 00 2b 01 01"),
    Map.entry("stop_bus_listener_reply/not_started", "07 00 00 00 2b 01 02"),
    Map.entry(
        "subscribe_all_events/no_serial",
        "16 00 00 00 3a 00 94 5f c6 e4 e8 9c 49 61 b7 bc 4e 0e 84 80 df ad"),
    Map.entry(
        "subscribe_all_events/serial",
        "17 00 00 00 3a 01 02 94 5f c6 e4 e8 9c 49 61 b7 bc 4e 0e 84 80 df ad"),
    Map.entry("subscribe_all_events_reply/ok", "07 00 00 00 3b 01 00"),
    Map.entry("subscribe_all_events_reply/invalid_service", "07 00 00 00 3b 01 01"),
    Map.entry("subscribe_all_events_reply/not_supported", "07 00 00 00 3b 01 02"),
    Map.entry(
        "subscribe_event/no_serial",
        "17 00 00 00 0d 00 94 5f c6 e4 e8 9c 49 61 b7 bc 4e 0e 84 80 df ad 01"),
    Map.entry(
        "subscribe_event/serial",
        "18 00 00 00 0d 01 02 94 5f c6 e4 e8 9c 49 61 b7 bc 4e 0e 84 80 df ad 03"),
    Map.entry("subscribe_event_reply/ok", "07 00 00 00 0e 01 00"),
    Map.entry("subscribe_event_reply/invalid_service", "07 00 00 00 0e 01 01"),
    Map.entry(
        "subscribe_service/subscribe_service",
        "16 00 00 00 37 01 94 5f c6 e4 e8 9c 49 61 b7 bc 4e 0e 84 80 df ad"),
    Map.entry("subscribe_service_reply/ok", "07 00 00 00 38 01 00"),
    Map.entry("subscribe_service_reply/invalid_service", "07 00 00 00 38 01 01"),
    Map.entry("sync/sync", "06 00 00 00 1e 01"),
    Map.entry("sync_reply/sync_reply", "06 00 00 00 1f 01"),
    Map.entry(
        "unsubscribe_all_events/no_serial",
        "16 00 00 00 3c 00 94 5f c6 e4 e8 9c 49 61 b7 bc 4e 0e 84 80 df ad"),
    Map.entry(
        "unsubscribe_all_events/serial",
        "17 00 00 00 3c 01 02 94 5f c6 e4 e8 9c 49 61 b7 bc 4e 0e 84 80 df ad"),
    Map.entry("unsubscribe_all_events_reply/ok", "07 00 00 00 3d 01 00"),
    Map.entry("unsubscribe_all_events_reply/invalid_service", "07 00 00 00 3d 01 01"),
    Map.entry("unsubscribe_all_events_reply/not_supported", "07 00 00 00 3d 01 02"),
    Map.entry(
        "unsubscribe_event/unsubscribe_event",
        "16 00 00 00 0f 94 5f c6 e4 e8 9c 49 61 b7 bc 4e 0e 84 80 df ad 01"),
    Map.entry(
        "unsubscribe_service/unsubscribe_service",
        "15 00 00 00 39 94 5f c6 e4 e8 9c 49 61 b7 bc 4e 0e 84 80 df ad"));

  private AldrinMessageVectors() {}

  /**
   * @param key file (without .rs) and test name, e.g. {@code "sync/sync"}
   * @return the bytes of that vector
   */
  static byte[] get(String key) {
    String hex = HEX.get(key);
    if (hex == null) {
      throw new IllegalArgumentException("no Aldrin vector " + key);
    }
    return HexFormat.ofDelimiter(" ").parseHex(hex);
  }

  /** @return every vector's key */
  static java.util.Set<String> keys() {
    return HEX.keySet();
  }
}
