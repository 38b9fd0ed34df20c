<?php
// example of agent functions

function TestAgentPeriod()
{
   AddMessage2Log("Periodic BX_CRONTAB:".var_export(defined("BX_CRONTAB") && BX_CRONTAB, true)
      ." BX_CRONTAB_SUPPORT:".var_export(defined("BX_CRONTAB_SUPPORT") && BX_CRONTAB_SUPPORT, true));
   return "TestAgentPeriod();";
}


function TestAgentNotPeriod()
{
   AddMessage2Log("Non-periodic BX_CRONTAB:".var_export(defined("BX_CRONTAB") && BX_CRONTAB, true)
      ." BX_CRONTAB_SUPPORT:".var_export(defined("BX_CRONTAB_SUPPORT") && BX_CRONTAB_SUPPORT, true));
   return "TestAgentNotPeriod();";
}

// registered once, e.g. when a module is installed: periodic ("Y") and
// non-periodic ("N"), both every 3600 seconds
CAgent::AddAgent("TestAgentPeriod();", "", "Y", 3600);
CAgent::AddAgent("TestAgentNotPeriod();", "", "N", 3600);
