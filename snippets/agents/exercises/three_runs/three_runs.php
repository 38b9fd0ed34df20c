<?php
// Exercise: Report() must run three times, then remove itself.

function Report($n)
{
   AddMessage2Log("Report: run ".$n);
   return "Report(".($n + 1).");";
}

CAgent::AddAgent("Report(1);", "", "N", 3600);
