<?php
// Your own agent, in PHP. ImportOrders() imports one batch a call and says so in
// the log; with nothing left, it returns "" and the kernel deletes it. Its next
// run is in 10 minutes ($pPERIOD), not in the hour it was registered with.
// Try: remove the $pPERIOD line; register it as periodic ("Y"); throw an
// exception in the second call; or turn cron mode off in the scenario.

function ImportOrders($left)
{
   AddMessage2Log("ImportOrders: ".$left." batches left, "
      .(defined("BX_CRONTAB") ? "on cron" : "on a hit"));
   if ($left <= 0)
      return "";   // done: the kernel deletes the agent

   global $pPERIOD;
   $pPERIOD = 600;   // the next run in 10 minutes, this time only
   return "ImportOrders(".($left - 1).");";
}

CAgent::AddAgent("ImportOrders(3);", "", "N", 3600, "", "Y", "02.03.2026 09:00:00");
