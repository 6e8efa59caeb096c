# bench/gen-log.awk: a synthetic trace for `make bench`, MB megabytes of it:
#   awk -v mb=200 -f bench/gen-log.awk > bench/decode.log
# A SIP trace as sngrep/ngrep save it, with Asterisk and FreeSWITCH log lines
# between the messages; size in MB from the command line.
BEGIN {
	srand(42);
	limit = mb * 1048576; total = 0; call = 0;
	split("100 Trying|180 Ringing|183 Session Progress|200 OK|401 Unauthorized|407 Proxy Authentication Required|486 Busy Here|487 Request Terminated|503 Service Unavailable|603 Decline|480 Temporarily Unavailable|404 Not Found", resp, "|");
	split("NORMAL_CLEARING|USER_BUSY|NO_ANSWER|NORMAL_TEMPORARY_FAILURE|CALL_REJECTED|ORIGINATOR_CANCEL", fs, "|");
	while (total < limit) {
		call++;
		cid = sprintf("%08x-%04x@10.0.%d.%d", call * 2654435761 % 4294967296, call % 65536, call % 250, call % 200);
		out(sprintf("U 2026/01/05 10:%02d:%02d.%06d 10.0.0.1:5060 -> 10.0.0.2:5060", call % 60, call % 60, call % 1000000));
		out("INVITE sip:" call "@10.0.0.2 SIP/2.0");
		out("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-" call ";rport");
		out("From: <sip:alice@10.0.0.1>;tag=" call "a");
		out("To: <sip:" call "@10.0.0.2>");
		out("Call-ID: " cid);
		out("CSeq: 1 INVITE");
		out("Contact: <sip:alice@10.0.0.1:5060>");
		out("Content-Type: application/sdp");
		out("Content-Length: 0");
		out("");
		n = 1 + int(rand() * 3);
		for (k = 0; k < n; k++) {
			r = resp[1 + int(rand() * 12)];
			out("U 2026/01/05 10:00:00.000000 10.0.0.2:5060 -> 10.0.0.1:5060");
			out("SIP/2.0 " r);
			out("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-" call ";rport");
			out("Call-ID: " cid);
			out("CSeq: 1 INVITE");
			if (r ~ /^(486|603|503)/) out("Reason: Q.850;cause=" (r ~ /^486/ ? 17 : r ~ /^603/ ? 21 : 34) ";text=\"" fs[1 + int(rand() * 6)] "\"");
			out("Content-Length: 0");
			out("");
		}
		out(sprintf("[Jan  5 10:00:%02d] VERBOSE[%d][C-%08x] pbx.c:     -- Executing [%d@default:1] Dial(\"SIP/alice-%08x\", \"SIP/trunk/%d,30\") in new stack", call % 60, call % 9999, call, call, call, call));
		out(sprintf("2026-01-05 10:00:%02d.123456 [NOTICE] switch_channel.c:1104 Hangup sofia/internal/%d@10.0.0.2 [CS_EXECUTE] [%s]", call % 60, call, fs[1 + int(rand() * 6)]));
		out(sprintf("2026-01-05 10:00:%02d.123456 [DEBUG] switch_core_session.c:1234 Session %d (sofia/internal/%d@10.0.0.2) Locked, Waiting on external entities", call % 60, call, call));
	}
}
function out(s) { print s; total += length(s) + 1; }
