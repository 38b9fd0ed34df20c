<?php
// Exercise: Report() must run three times, then remove itself.

function Report($n)
{
   AddMessage2Log("Report: run ".$n);
   if ($n >= 3)
      return "";   // the third run: an empty string, and the kernel deletes the agent
   return "Report(".($n + 1).");";
}

CAgent::AddAgent("Report(1);", "", "N", 3600);
